package dev.warden.internal.revocation;

import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Refuses a valid token that a revocation entry matches: 401 {@code invalid_token}, "The access
 * token has been revoked". Applies to tokens served from the verified-token cache too, since it
 * runs after the whole pipeline on every request.
 */
public final class RevokingJwtDecoder implements JwtDecoder {

	/** The description of a revoked token. */
	public static final String REVOKED = "The access token has been revoked";

	private final JwtDecoder delegate;

	private final Revocations revocations;

	/**
	 * Creates the decoder.
	 * @param delegate the pipeline
	 * @param revocations the revocation list
	 */
	public RevokingJwtDecoder(JwtDecoder delegate, Revocations revocations) {
		this.delegate = delegate;
		this.revocations = revocations;
	}

	@Override
	public Jwt decode(String token) {
		Jwt jwt = this.delegate.decode(token);
		if (this.revocations.revokes(jwt.getClaims()) != null) {
			throw new InvalidTokenException(TokenRejection.REVOKED, REVOKED);
		}
		return jwt;
	}

	/**
	 * The pipeline this decoder wraps.
	 * @return the delegate
	 */
	public JwtDecoder delegate() {
		return this.delegate;
	}

}
