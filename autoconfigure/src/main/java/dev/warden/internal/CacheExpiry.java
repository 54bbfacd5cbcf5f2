package dev.warden.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.ToLongFunction;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Caffeine expiry for entries that each know their own lifetime, set when written and kept on
 * reads. Internal: not part of Warden's API.
 */
public final class CacheExpiry {

	private CacheExpiry() {
	}

	/**
	 * An expiry whose lifetime comes from the value.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param lifetimeNanos the lifetime of a value written now, in nanoseconds
	 * @return the expiry
	 */
	public static <K, V> Expiry<K, V> perEntry(ToLongFunction<V> lifetimeNanos) {
		return new Expiry<>() {
			@Override
			public long expireAfterCreate(K key, V value, long currentTime) {
				return lifetimeNanos.applyAsLong(value);
			}

			@Override
			public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
				return lifetimeNanos.applyAsLong(value);
			}

			@Override
			public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
				return currentDuration;
			}
		};
	}

	/**
	 * Nanoseconds from one instant to a later one, saturated: a token may expire centuries ahead.
	 * @param now the start
	 * @param then the end
	 * @return the nanoseconds, 0 when {@code then} has passed, at most {@code Long.MAX_VALUE / 2}
	 */
	public static long nanosUntil(Instant now, Instant then) {
		Duration between = Duration.between(now, then);
		if (between.isNegative()) {
			return 0;
		}
		return (between.getSeconds() >= (Long.MAX_VALUE / 2) / 1_000_000_000L) ? Long.MAX_VALUE / 2 : between.toNanos();
	}

}
