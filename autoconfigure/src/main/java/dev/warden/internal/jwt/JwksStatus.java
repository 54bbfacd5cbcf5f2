package dev.warden.internal.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What Warden knows about the issuer's JWKS right now: when keys were last fetched, how many, and
 * the last failure. Updated by every fetch; read by the decoder (to tell an unknown key from an
 * outage), by health and by metrics. Holds no key material.
 */
public final class JwksStatus {

	/** The state of the key set as seen from this instance. */
	public enum State {

		/** No fetch has completed yet. */
		NOT_FETCHED,

		/** Keys were fetched within the cache lifetime. */
		FRESH,

		/** The cache lifetime passed and refetching fails; last-known keys still serve. */
		STALE,

		/** Fetching failed and no usable keys are left. */
		UNAVAILABLE

	}

	private final Clock clock;

	private final Duration cacheTtl;

	private final Duration outageTolerance;

	private final Duration refreshAhead;

	private final PreparedKeys preparedKeys = new PreparedKeys();

	private volatile Snapshot snapshot = new Snapshot(null, 0, Set.of(), Set.of(), null, null);

	private final java.util.List<java.util.function.Consumer<Set<String>>> keyListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	/**
	 * Creates a status tracker.
	 * @param clock the clock
	 * @param cacheTtl how long fetched keys count as fresh
	 * @param outageTolerance how long after that they keep serving while fetches fail
	 */
	public JwksStatus(Clock clock, Duration cacheTtl, Duration outageTolerance) {
		this(clock, cacheTtl, Duration.ZERO, outageTolerance);
	}

	/**
	 * Creates a status tracker.
	 * @param clock the clock
	 * @param cacheTtl how long fetched keys count as fresh
	 * @param refreshAhead how long before the end of that a refresh starts
	 * @param outageTolerance how long after the last success the keys keep serving while fetches
	 * fail
	 */
	public JwksStatus(Clock clock, Duration cacheTtl, Duration refreshAhead, Duration outageTolerance) {
		this.clock = clock;
		this.cacheTtl = cacheTtl;
		this.refreshAhead = refreshAhead;
		this.outageTolerance = outageTolerance;
	}

	/**
	 * Whether the cached key set is due for a refresh (its lifetime, less refresh-ahead, passed).
	 * Requests served without a key lookup use this to keep the key set current.
	 * @return whether a key lookup should be made
	 */
	public boolean refreshDue() {
		Instant lastSuccess = this.snapshot.lastSuccess();
		return lastSuccess == null
				|| !this.clock.instant().isBefore(lastSuccess.plus(this.cacheTtl).minus(this.refreshAhead));
	}

	void recordSuccess(Set<String> keyIds, Set<String> keyFingerprints, int keyCount) {
		Snapshot previous = this.snapshot;
		Set<String> fingerprints = Set.copyOf(keyFingerprints);
		this.snapshot = new Snapshot(this.clock.instant(), keyCount, Set.copyOf(keyIds), fingerprints,
				previous.lastFailure(), previous.lastFailureReason());
		if (!fingerprints.equals(previous.keyFingerprints())) {
			this.keyListeners.forEach((listener) -> listener.accept(fingerprints));
		}
	}

	void recordFailure(String reason) {
		Snapshot previous = this.snapshot;
		this.snapshot = new Snapshot(previous.lastSuccess(), previous.keyCount(), previous.keyIds(),
				previous.keyFingerprints(), this.clock.instant(), reason);
	}

	PreparedKeys preparedKeys() {
		return this.preparedKeys;
	}

	/**
	 * Registers a callback for when the published keys change.
	 * @param listener receives the fingerprints of the keys now published
	 */
	public void onKeysChanged(java.util.function.Consumer<Set<String>> listener) {
		this.keyListeners.add(listener);
	}

	/**
	 * The current snapshot.
	 * @return the snapshot
	 */
	public Snapshot snapshot() {
		return this.snapshot;
	}

	/**
	 * Whether keys fetched earlier can still be used: within the cache lifetime, or within the
	 * outage tolerance, both counted from the last successful fetch (as Nimbus counts them).
	 * @return whether usable keys are cached
	 */
	public boolean hasUsableKeys() {
		Instant lastSuccess = this.snapshot.lastSuccess();
		Duration usable = (this.outageTolerance.compareTo(this.cacheTtl) > 0) ? this.outageTolerance : this.cacheTtl;
		return lastSuccess != null && this.clock.instant().isBefore(lastSuccess.plus(usable));
	}

	/**
	 * The state of the key set now.
	 * @return the state
	 */
	public State state() {
		Snapshot current = this.snapshot;
		if (current.lastSuccess() == null) {
			return (current.lastFailure() != null) ? State.UNAVAILABLE : State.NOT_FETCHED;
		}
		Instant now = this.clock.instant();
		boolean failedSinceSuccess = current.lastFailure() != null
				&& current.lastFailure().isAfter(current.lastSuccess());
		if (!failedSinceSuccess || now.isBefore(current.lastSuccess().plus(this.cacheTtl))) {
			return State.FRESH;
		}
		return hasUsableKeys() ? State.STALE : State.UNAVAILABLE;
	}

	/**
	 * An immutable view of the status.
	 *
	 * @param lastSuccess when keys were last fetched, or {@code null}
	 * @param keyCount how many usable keys the last fetch returned
	 * @param keyIds the {@code kid}s of those keys
	 * @param keyFingerprints the fingerprints of those keys (the first 16 bytes of the SHA-256 of
	 * the encoded public key, in hex)
	 * @param lastFailure when the last fetch failed, or {@code null}
	 * @param lastFailureReason why it failed, or {@code null}
	 */
	public record Snapshot(Instant lastSuccess, int keyCount, Set<String> keyIds, Set<String> keyFingerprints,
			Instant lastFailure, String lastFailureReason) {
	}

}
