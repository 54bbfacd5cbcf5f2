package dev.warden.introspection;

import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Global mode: every token that passed local validation (which rejects forgeries without any
 * network call) is also checked against the introspection endpoint. Inactive → 401
 * {@code invalid_token}; no answer under {@code deny} → 503.
 */
public final class IntrospectingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final RevocationChecker checker;

	/**
	 * Creates the decoder.
	 * @param delegate local validation
	 * @param checker the live check
	 */
	public IntrospectingJwtDecoder(JwtDecoder delegate, RevocationChecker checker) {
		this.delegate = delegate;
		this.checker = checker;
	}

	@Override
	public Jwt decode(String token) {
		Jwt jwt = this.delegate.decode(token);
		switch (this.checker.check(token, jwt.getExpiresAt())) {
			case INACTIVE -> throw new InvalidTokenException(TokenRejection.REVOKED, "The access token is not active");
			case UNAVAILABLE -> throw new IntrospectionUnavailableException("The introspection endpoint is unavailable");
			default -> {
			}
		}
		return jwt;
	}

}
