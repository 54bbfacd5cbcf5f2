package dev.warden.jwt;

/**
 * Told about every DPoP proof that is checked (metrics hang here). Implementations must be fast and
 * must not throw.
 */
public interface DPoPListener {

	/** A listener that ignores everything. */
	DPoPListener NONE = new DPoPListener() {
	};

	/**
	 * A proof was checked.
	 * @param outcome {@code accepted}, or why it was refused ({@code missing}, {@code malformed},
	 * {@code invalid_type}, {@code invalid_algorithm}, {@code invalid_key}, {@code invalid_signature},
	 * {@code wrong_method}, {@code wrong_uri}, {@code stale}, {@code nonce_required}, {@code wrong_ath},
	 * {@code wrong_key}, {@code replayed})
	 * @param nanos how long the check took
	 */
	default void proofChecked(String outcome, long nanos) {
	}

}
