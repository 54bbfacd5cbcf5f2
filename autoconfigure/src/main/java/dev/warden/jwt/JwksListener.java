package dev.warden.jwt;

/**
 * Told about JWKS fetches (metrics hang here). Implementations must be fast and must not throw.
 */
public interface JwksListener {

	/** A listener that ignores everything. */
	JwksListener NONE = new JwksListener() {
	};

	/**
	 * A fetch succeeded.
	 * @param keys how many usable keys it returned
	 */
	default void fetched(int keys) {
	}

	/** A fetch failed (connection, timeout, status, size or parse). */
	default void fetchFailed() {
	}

	/** A refetch was refused by the rate limit (Nimbus {@code RateLimitedEvent}). */
	default void rateLimited() {
	}

}
