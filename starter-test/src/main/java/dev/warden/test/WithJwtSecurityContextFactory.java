package dev.warden.test;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/**
 * Builds the security context of {@link WithJwt}: a real token from the shared
 * {@link WardenTestIssuer}, with {@code SCOPE_…} authorities and the principal named by
 * {@code sub} (else {@code client_id}), as Warden names it.
 */
public class WithJwtSecurityContextFactory implements WithSecurityContextFactory<WithJwt> {

	@Override
	public SecurityContext createSecurityContext(WithJwt annotation) {
		WardenTestIssuer.Token token = WardenTestIssuer.shared(annotation.audience()).token();
		if (annotation.scopes().length > 0) {
			token.scopes(annotation.scopes());
		}
		if (annotation.subject().isEmpty()) {
			token.without("sub");
		}
		else {
			token.subject(annotation.subject());
		}
		if (!annotation.clientId().isEmpty()) {
			token.clientId(annotation.clientId());
		}
		if (!annotation.acr().isEmpty()) {
			token.acr(annotation.acr());
		}
		if (annotation.authTimeSecondsAgo() >= 0) {
			token.authTime(Instant.now().minusSeconds(annotation.authTimeSecondsAgo()));
		}
		Jwt jwt = toJwt(token.sign());
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (String scopes : annotation.scopes()) {
			for (String scope : scopes.trim().split("\\s+")) {
				if (!scope.isEmpty()) {
					authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
				}
			}
		}
		String name = (jwt.getSubject() != null) ? jwt.getSubject() : jwt.getClaimAsString("client_id");
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new JwtAuthenticationToken(jwt, authorities, name));
		return context;
	}

	private static Jwt toJwt(String token) {
		try {
			SignedJWT signed = SignedJWT.parse(token);
			Map<String, Object> claims = new LinkedHashMap<>(signed.getPayload().toJSONObject());
			for (String time : List.of("exp", "iat", "nbf")) {
				if (claims.get(time) instanceof Number seconds) {
					claims.put(time, Instant.ofEpochSecond(seconds.longValue()));
				}
			}
			if (claims.get("aud") instanceof String audience) {
				claims.put("aud", List.of(audience));
			}
			return Jwt.withTokenValue(token)
				.headers((headers) -> headers.putAll(signed.getHeader().toJSONObject()))
				.claims((values) -> values.putAll(claims))
				.build();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
