package dev.warden.revocation;

/**
 * Told about every pushed Security Event Token, every event in it, every token refused as revoked
 * and every failure of the shared store (metrics hang here). Implementations must be fast and must
 * not throw.
 */
public interface RevocationListener {

	/** A listener that ignores everything. */
	RevocationListener NONE = new RevocationListener() {
	};

	/**
	 * A push was answered.
	 * @param result {@code accepted}, {@code duplicate}, or the RFC 8935 error code
	 * ({@code invalid_request}, {@code invalid_key}, {@code invalid_issuer}, {@code invalid_audience},
	 * {@code authentication_failed})
	 */
	default void pushed(String result) {
	}

	/**
	 * One event of an accepted push (or of an operator's revocation) was handled.
	 * @param type the event type as a short tag ({@code session_revoked}, {@code credential_change},
	 * {@code account_disabled}, {@code account_enabled}, {@code account_purged},
	 * {@code credential_compromise}, {@code verification}, {@code operator}, {@code other})
	 * @param outcome {@code applied}, {@code lifted}, {@code recorded} (a verification) or
	 * {@code ignored} (an event type or subject Warden does not act on)
	 */
	default void event(String type, String outcome) {
	}

	/** A token was refused because a revocation entry matches it. */
	default void refused() {
	}

	/**
	 * An operation on the shared store failed; the instance went on with its local state.
	 * @param operation what was attempted ({@code publish}, {@code load}, {@code introspection},
	 * {@code dpop}, {@code subscribe})
	 */
	default void sharedStoreFailed(String operation) {
	}

}
