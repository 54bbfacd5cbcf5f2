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

}
