package dev.warden.jwt;

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

	private volatile Snapshot snapshot = new Snapshot(null, 0, Set.of(), null, null);

	/**
	 * Creates a status tracker.
	 * @param clock the clock
	 * @param cacheTtl how long fetched keys count as fresh
	 * @param outageTolerance how long after that they keep serving while fetches fail
	 */
	public JwksStatus(Clock clock, Duration cacheTtl, Duration outageTolerance) {
		this.clock = clock;
		this.cacheTtl = cacheTtl;
		this.outageTolerance = outageTolerance;
	}

	void recordSuccess(Set<String> keyIds, int keyCount) {
		Snapshot previous = this.snapshot;
		this.snapshot = new Snapshot(this.clock.instant(), keyCount, Set.copyOf(keyIds), previous.lastFailure(),
				previous.lastFailureReason());
	}

	void recordFailure(String reason) {
		Snapshot previous = this.snapshot;
		this.snapshot = new Snapshot(previous.lastSuccess(), previous.keyCount(), previous.keyIds(),
				this.clock.instant(), reason);
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
	 * @param lastFailure when the last fetch failed, or {@code null}
	 * @param lastFailureReason why it failed, or {@code null}
	 */
	public record Snapshot(Instant lastSuccess, int keyCount, Set<String> keyIds, Instant lastFailure,
			String lastFailureReason) {
	}

}
