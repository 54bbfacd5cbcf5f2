package dev.warden.internal.scope;

import java.util.List;
import java.util.Map;

import dev.warden.internal.Claims;
import dev.warden.internal.Scopes;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated {@link Jwt} into an authentication: scopes become {@code SCOPE_…} authorities
 * (so {@code hasScope} and {@code @PreAuthorize} keep working), and the principal's name is
 * {@code sub}, or {@code client_id} for machine-to-machine tokens without a subject.
 */
public final class WardenJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final ScopeClaims scopeClaims;

	private final Map<String, ScopeClaims> byIssuer;

	/**
	 * Creates a converter.
	 * @param scopeClaims how scopes are read from the token
	 */
	public WardenJwtAuthenticationConverter(ScopeClaims scopeClaims) {
		this(scopeClaims, Map.of());
	}

	/**
	 * Creates a converter for several trusted issuers, each of which may carry scopes its own way.
	 * @param scopeClaims how scopes are read from tokens of any other issuer
	 * @param byIssuer how scopes are read from the tokens of an issuer, by its exact {@code iss}
	 */
	public WardenJwtAuthenticationConverter(ScopeClaims scopeClaims, Map<String, ScopeClaims> byIssuer) {
		this.scopeClaims = scopeClaims;
		this.byIssuer = Map.copyOf(byIssuer);
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		ScopeClaims claims = this.scopeClaims;
		if (!this.byIssuer.isEmpty() && jwt.getClaims().get("iss") instanceof String iss) {
			claims = this.byIssuer.getOrDefault(iss, this.scopeClaims);
		}
		List<GrantedAuthority> authorities = Scopes.authorities(claims.scopes(jwt.getClaims()));
		return new JwtAuthenticationToken(jwt, authorities, principalName(jwt));
	}

	private static String principalName(Jwt jwt) {
		String name = Claims.principalName(jwt.getClaims());
		if (name != null) {
			return name;
		}
		if (jwt.getClaims().get("sub") != null || jwt.getClaims().get("client_id") != null) {
			throw new InvalidBearerTokenException("The token's sub or client_id claim is not a string");
		}
		throw new InvalidBearerTokenException("The token names no subject (sub) or client (client_id)");
	}

}
