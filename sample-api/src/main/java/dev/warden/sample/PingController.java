package dev.warden.sample;

import dev.warden.scope.PublicEndpoint;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A public endpoint: no token needed, and an {@code Authorization} header is not even read.
 */
@RestController
@PublicEndpoint
class PingController {

	@GetMapping("/public/ping")
	String ping() {
		return "pong";
	}

}
