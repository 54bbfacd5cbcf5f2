package dev.warden.internal.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.warden.jwt.DPoPReplayCache;

/**
 * Used DPoP proofs remembered on Redis, so that a proof used at one instance is refused at all of
 * them. Every proof is also remembered locally: while Redis is away, this instance still refuses a
 * proof it has seen.
 */
public final class SharedDPoPReplayCache implements DPoPReplayCache {

	private final RedisSharedState store;

	private final DPoPReplayCache local;

	private final Clock clock;

	/**
	 * Creates the cache.
	 * @param store the shared store
	 * @param local this instance's own cache
	 * @param clock the clock
	 */
	public SharedDPoPReplayCache(RedisSharedState store, DPoPReplayCache local, Clock clock) {
		this.store = store;
		this.local = local;
		this.clock = clock;
	}

	@Override
	public boolean firstUse(String key, Instant expiresAt) {
		boolean firstHere = this.local.firstUse(key, expiresAt);
		if (!firstHere) {
			return false;
		}
		long millis = Duration.between(this.clock.instant(), expiresAt).toMillis();
		if (millis <= 0) {
			return true;
		}
		// without the store, the local answer stands
		return this.store.run("dpop", () -> this.store.redis()
			.opsForValue()
			.setIfAbsent(this.store.key("dpop:" + key), "1", Duration.ofMillis(millis)), Boolean.TRUE);
	}

}
