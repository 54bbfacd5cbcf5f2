package dev.warden.internal.scope;

import java.util.List;

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

	/**
	 * Creates a converter.
	 * @param scopeClaims how scopes are read from the token
	 */
	public WardenJwtAuthenticationConverter(ScopeClaims scopeClaims) {
		this.scopeClaims = scopeClaims;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		List<GrantedAuthority> authorities = Scopes.authorities(this.scopeClaims.scopes(jwt.getClaims()));
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
