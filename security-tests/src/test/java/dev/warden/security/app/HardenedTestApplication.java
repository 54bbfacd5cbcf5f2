package dev.warden.security.app;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.scope.PublicEndpoint;
import dev.warden.scope.RequireLiveCheck;
import dev.warden.scope.RequireScope;
import dev.warden.security.support.IntrospectionCalls;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application the security tests attack: one endpoint per kind of rule, nothing else.
 * <ul>
 * <li>{@code GET /api/data}: scope {@code data:read}</li>
 * <li>{@code POST /api/data}: scope {@code data:write}</li>
 * <li>{@code GET /api/live}: scope {@code data:read} and a live check (introspection)</li>
 * <li>{@code GET /public/ping}: public</li>
 * </ul>
 */
@SpringBootApplication
public class HardenedTestApplication {

	/** Warden's introspection calls, as its own listener sees them (for the storm test). */
	@Bean
	IntrospectionCalls introspectionCalls() {
		return new IntrospectionCalls();
	}

	@RestController
	static class DataController {

		@GetMapping("/api/data")
		@RequireScope("data:read")
		Map<String, Object> read(@AuthenticationPrincipal Jwt jwt) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("sub", jwt.getSubject());
			body.put("data", "secret-data");
			return body;
		}

		@PostMapping("/api/data")
		@RequireScope("data:write")
		Map<String, Object> write(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) String body) {
			return Map.of("written", (body != null) ? body.length() : 0);
		}

		@GetMapping("/api/live")
		@RequireScope("data:read")
		@RequireLiveCheck
		Map<String, Object> live(@AuthenticationPrincipal Jwt jwt) {
			return Map.of("live", true, "sub", jwt.getSubject());
		}

		@GetMapping("/public/ping")
		@PublicEndpoint
		String ping() {
			return "pong";
		}

	}

}
