package dev.warden.internal.web;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates bearer tokens of both kinds: a token shaped like a compact JWS (three
 * dot-separated parts) goes to local JWT validation only — a forged JWT is refused without any
 * network call, never retried as opaque — and any other token to introspection.
 */
public final class TokenShapeAuthenticationManager implements AuthenticationManager {

	private final AuthenticationProvider jwt;

	private final AuthenticationProvider opaque;

	/**
	 * Creates the manager.
	 * @param jwt authenticates JWTs
	 * @param opaque authenticates opaque tokens
	 */
	public TokenShapeAuthenticationManager(AuthenticationProvider jwt, AuthenticationProvider opaque) {
		this.jwt = jwt;
		this.opaque = opaque;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String token = ((BearerTokenAuthenticationToken) authentication).getToken();
		return isJws(token) ? this.jwt.authenticate(authentication) : this.opaque.authenticate(authentication);
	}

	public static boolean isJws(String token) {
		int first = token.indexOf('.');
		if (first < 0) {
			return false;
		}
		int second = token.indexOf('.', first + 1);
		return second > 0 && token.indexOf('.', second + 1) < 0;
	}

}
