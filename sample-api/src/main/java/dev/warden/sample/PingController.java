package dev.warden.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A public endpoint: no token needed (listed in {@code warden.public-paths}).
 */
@RestController
class PingController {

	@GetMapping("/public/ping")
	String ping() {
		return "pong";
	}

}
