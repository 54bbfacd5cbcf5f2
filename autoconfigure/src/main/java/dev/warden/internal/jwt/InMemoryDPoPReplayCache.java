package dev.warden.internal.jwt;

import java.time.Clock;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.internal.CacheExpiry;
import dev.warden.jwt.DPoPReplayCache;

/**
 * The proofs this instance has seen, each kept until it would be refused as too old anyway, in a
 * bounded Caffeine cache. Entries are added only for proofs that passed every other check (a
 * valid signature by the key the token is bound to), so only holders of valid DPoP-bound tokens can
 * fill it.
 */
public final class InMemoryDPoPReplayCache implements DPoPReplayCache {

	private final Cache<String, Instant> seen;

	/**
	 * Creates a cache.
	 * @param maxEntries the most proofs remembered
	 * @param clock the clock
	 */
	public InMemoryDPoPReplayCache(long maxEntries, Clock clock) {
		this.seen = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.expireAfter(CacheExpiry.<String, Instant>perEntry(
					(expiresAt) -> CacheExpiry.nanosUntil(clock.instant(), expiresAt)))
			.build();
	}

	@Override
	public boolean firstUse(String key, Instant expiresAt) {
		return this.seen.asMap().putIfAbsent(key, expiresAt) == null;
	}

	/**
	 * How many proofs are remembered (approximately).
	 * @return the count
	 */
	public long size() {
		return this.seen.estimatedSize();
	}

}
