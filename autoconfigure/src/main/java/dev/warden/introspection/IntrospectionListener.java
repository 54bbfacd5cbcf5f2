package dev.warden.introspection;

/**
 * Told about every introspection call and cache lookup (metrics hang here). Implementations must
 * be fast and must not throw.
 */
public interface IntrospectionListener {

	/** Outcome of one call, as a low-cardinality tag. */
	enum Outcome {

		/** The token is active. */
		ACTIVE,

		/** The token is not active. */
		INACTIVE,

		/** The call failed. */
		ERROR,

		/** The call timed out. */
		TIMEOUT,

		/** The endpoint refused this service's client credentials (HTTP 401 or 403). */
		CLIENT_REJECTED

	}

	/** A listener that ignores everything. */
	IntrospectionListener NONE = new IntrospectionListener() {
	};

	/**
	 * A call completed.
	 * @param outcome its outcome
	 * @param nanos how long it took
	 */
	default void call(Outcome outcome, long nanos) {
	}

	/** An answer was served from the cache. */
	default void cacheHit() {
	}

	/** No cached answer: a call is made or joined. */
	default void cacheMiss() {
	}

	/**
	 * A live check refused a token: the authorization server says it is not active.
	 * @param nanos how long the check took
	 */
	default void revoked(long nanos) {
	}

	/**
	 * A live check could not be made and the outage policy refused the request.
	 * @param nanos how long the attempt took
	 */
	default void unavailable(long nanos) {
	}

	/**
	 * A call of a named issuer's introspection endpoint; by default the same as
	 * {@link #call(Outcome, long)}.
	 * @param issuer the issuer's configured name
	 * @param outcome the outcome
	 * @param nanos how long the call took
	 */
	default void call(String issuer, Outcome outcome, long nanos) {
		call(outcome, nanos);
	}

	/**
	 * A named issuer's answer was served from the cache; by default the same as {@link #cacheHit()}.
	 * @param issuer the issuer's configured name
	 */
	default void cacheHit(String issuer) {
		cacheHit();
	}

	/**
	 * No cached answer of a named issuer; by default the same as {@link #cacheMiss()}.
	 * @param issuer the issuer's configured name
	 */
	default void cacheMiss(String issuer) {
		cacheMiss();
	}

	/**
	 * A named issuer's live check refused a token; by default the same as {@link #revoked(long)}.
	 * @param issuer the issuer's configured name
	 * @param nanos how long the check took
	 */
	default void revoked(String issuer, long nanos) {
		revoked(nanos);
	}

	/**
	 * A named issuer's live check could not be made; by default the same as
	 * {@link #unavailable(long)}.
	 * @param issuer the issuer's configured name
	 * @param nanos how long the attempt took
	 */
	default void unavailable(String issuer, long nanos) {
		unavailable(nanos);
	}

	/**
	 * This listener as told about one issuer's live checks: the plain methods call the named ones.
	 * @param issuer the issuer's configured name
	 * @param target the listener to tell
	 * @return the listener for that issuer's introspector
	 */
	static IntrospectionListener of(String issuer, IntrospectionListener target) {
		return new IntrospectionListener() {
			@Override
			public void call(Outcome outcome, long nanos) {
				target.call(issuer, outcome, nanos);
			}

			@Override
			public void cacheHit() {
				target.cacheHit(issuer);
			}

			@Override
			public void cacheMiss() {
				target.cacheMiss(issuer);
			}

			@Override
			public void revoked(long nanos) {
				target.revoked(issuer, nanos);
			}

			@Override
			public void unavailable(long nanos) {
				target.unavailable(issuer, nanos);
			}
		};
	}

}
