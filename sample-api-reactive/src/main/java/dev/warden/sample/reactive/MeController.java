package dev.warden.sample.reactive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.scope.Authenticated;
import reactor.core.publisher.Mono;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is, as Warden authenticated it: any valid token, a JWT or (with
 * {@code warden.introspection.accept-opaque-tokens}) an opaque one.
 */
@RestController
@Authenticated
class MeController {

	@GetMapping("/api/me")
	Mono<Map<String, Object>> me(AbstractOAuth2TokenAuthenticationToken<?> authentication) {
		Map<String, Object> attributes = authentication.getTokenAttributes();
		List<String> scopes = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("SCOPE_"))
			.map((authority) -> authority.substring("SCOPE_".length()))
			.toList();
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("sub", attributes.get("sub"));
		me.put("client_id", attributes.get("client_id"));
		me.put("scopes", scopes);
		return Mono.just(me);
	}

}
