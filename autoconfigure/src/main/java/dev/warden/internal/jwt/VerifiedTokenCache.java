package dev.warden.internal.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens that passed full validation, kept under the SHA-256 of the token (never the token) in a
 * bounded Caffeine cache, each for at most its remaining lifetime (plus the clock skew). A hit
 * skips parsing and the signature check; its time claims are still checked against the clock on
 * every hit, and it is dropped as soon as the key that verified it leaves the JWKS.
 */
public final class VerifiedTokenCache {

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	});

	private final Cache<Key, Entry> cache;

	/**
	 * Creates a cache.
	 * @param maxEntries the most tokens kept
	 * @param clockSkew added to each token's remaining lifetime
	 * @param clock the clock
	 */
	public VerifiedTokenCache(long maxEntries, Duration clockSkew, Clock clock) {
		this(maxEntries, clockSkew, clock, Ticker.systemTicker());
	}

	VerifiedTokenCache(long maxEntries, Duration clockSkew, Clock clock, Ticker ticker) {
		this.cache = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.ticker(ticker)
			.expireAfter(new Expiry<Key, Entry>() {
				@Override
				public long expireAfterCreate(Key key, Entry entry, long currentTime) {
					return nanosUntil(clock.instant(), entry.expiresAt().plus(clockSkew));
				}

				@Override
				public long expireAfterUpdate(Key key, Entry entry, long currentTime, long currentDuration) {
					return expireAfterCreate(key, entry, currentTime);
				}

				@Override
				public long expireAfterRead(Key key, Entry entry, long currentTime, long currentDuration) {
					return currentDuration;
				}
			})
			.build();
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

	/**
	 * The cache key of a token.
	 * @param token the token
	 * @return its SHA-256
	 */
	public static Key key(String token) {
		MessageDigest digest = SHA_256.get();
		digest.reset();
		return new Key(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
	}

	public Entry get(Key key) {
		return this.cache.getIfPresent(key);
	}

	public void put(Key key, Entry entry) {
		this.cache.put(key, entry);
	}

	public void invalidate(Key key) {
		this.cache.invalidate(key);
	}

	/**
	 * Drops every entry verified by a key that is no longer in the JWKS.
	 * @param keyFingerprints the fingerprints of the keys now published
	 */
	public void retainKeys(Set<String> keyFingerprints) {
		this.cache.asMap().values().removeIf((entry) -> !keyFingerprints.contains(entry.keyFingerprint()));
	}

	/**
	 * How many tokens are cached (approximately).
	 * @return the size
	 */
	public long size() {
		return this.cache.estimatedSize();
	}

	/** Runs pending maintenance (evictions); for tests and metrics. */
	public void cleanUp() {
		this.cache.cleanUp();
	}

	/**
	 * A verified token.
	 *
	 * @param jwt the token as Spring Security sees it
	 * @param keyFingerprint the fingerprint of the key that verified it
	 */
	public record Entry(Jwt jwt, String keyFingerprint) {

		public Instant expiresAt() {
			return this.jwt.getExpiresAt();
		}

	}

	/** A SHA-256 digest with its hash code computed once. */
	public static final class Key {

		private final byte[] digest;

		private final int hash;

		Key(byte[] digest) {
			this.digest = digest;
			this.hash = Arrays.hashCode(digest);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && Arrays.equals(this.digest, key.digest);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
