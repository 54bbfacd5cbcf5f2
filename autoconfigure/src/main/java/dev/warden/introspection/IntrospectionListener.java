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

}
