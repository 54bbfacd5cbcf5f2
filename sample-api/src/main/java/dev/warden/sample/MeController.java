package dev.warden.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.scope.Authenticated;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is, as Warden authenticated it: any valid token.
 */
@RestController
@Authenticated
class MeController {

	@GetMapping("/api/me")
	Map<String, Object> me(@AuthenticationPrincipal Jwt jwt, JwtAuthenticationToken authentication) {
		List<String> scopes = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("SCOPE_"))
			.map((authority) -> authority.substring("SCOPE_".length()))
			.toList();
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("sub", jwt.getSubject());
		me.put("client_id", jwt.getClaimAsString("client_id"));
		me.put("scopes", scopes);
		return me;
	}

}
