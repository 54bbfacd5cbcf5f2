package dev.warden.jwt;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Told about every token the decoder validates (metrics hang here). Implementations must be fast
 * and must not throw.
 */
public interface TokenValidationListener {

	/** A listener that ignores everything. */
	TokenValidationListener NONE = new TokenValidationListener() {
	};

	/**
	 * A token was accepted.
	 * @param jwt the token
	 * @param cached whether it came from the verified-token cache (no signature check)
	 * @param nanos how long validation took
	 */
	default void accepted(Jwt jwt, boolean cached, long nanos) {
	}

	/**
	 * A token was refused.
	 * @param reason why
	 * @param nanos how long validation took
	 */
	default void rejected(TokenRejection reason, long nanos) {
	}

	/**
	 * A token could not be validated because the issuer's keys are unavailable.
	 * @param nanos how long the attempt took
	 */
	default void keysUnavailable(long nanos) {
	}

	/**
	 * A token of a named issuer was accepted (several trusted issuers); by default the same as
	 * {@link #accepted(Jwt, boolean, long)}.
	 * @param issuer the issuer's configured name
	 * @param jwt the token
	 * @param cached whether it came from the verified-token cache
	 * @param nanos how long validation took
	 */
	default void accepted(String issuer, Jwt jwt, boolean cached, long nanos) {
		accepted(jwt, cached, nanos);
	}

	/**
	 * A token was refused; by default the same as {@link #rejected(TokenRejection, long)}.
	 * @param issuer the configured name of the issuer it named, or {@code unknown}
	 * @param reason why
	 * @param nanos how long validation took
	 */
	default void rejected(String issuer, TokenRejection reason, long nanos) {
		rejected(reason, nanos);
	}

	/**
	 * A token could not be validated because its issuer's keys are unavailable; by default the
	 * same as {@link #keysUnavailable(long)}.
	 * @param issuer the issuer's configured name
	 * @param nanos how long the attempt took
	 */
	default void keysUnavailable(String issuer, long nanos) {
		keysUnavailable(nanos);
	}

}
