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

	/**
	 * A fetch of a named issuer's keys succeeded; by default the same as {@link #fetched(int)}.
	 * @param issuer the issuer's configured name
	 * @param keys how many usable keys it returned
	 */
	default void fetched(String issuer, int keys) {
		fetched(keys);
	}

	/**
	 * A fetch of a named issuer's keys failed; by default the same as {@link #fetchFailed()}.
	 * @param issuer the issuer's configured name
	 */
	default void fetchFailed(String issuer) {
		fetchFailed();
	}

	/**
	 * A refetch of a named issuer's keys was refused by the rate limit; by default the same as
	 * {@link #rateLimited()}.
	 * @param issuer the issuer's configured name
	 */
	default void rateLimited(String issuer) {
		rateLimited();
	}

	/**
	 * This listener as told about one issuer's key set: the plain methods call the named ones.
	 * @param issuer the issuer's configured name
	 * @param target the listener to tell
	 * @return the listener for that issuer's key source
	 */
	static JwksListener of(String issuer, JwksListener target) {
		return new JwksListener() {
			@Override
			public void fetched(int keys) {
				target.fetched(issuer, keys);
			}

			@Override
			public void fetchFailed() {
				target.fetchFailed(issuer);
			}

			@Override
			public void rateLimited() {
				target.rateLimited(issuer);
			}
		};
	}

}
