package dev.warden.sample.reactive;

import dev.warden.scope.PublicEndpoint;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A public endpoint: no token needed, and an {@code Authorization} header is not even read.
 */
@RestController
@PublicEndpoint
class PingController {

	@GetMapping("/public/ping")
	Mono<String> ping() {
		return Mono.just("pong");
	}

}
