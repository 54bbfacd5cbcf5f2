package dev.warden.internal.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.warden.internal.CacheExpiry;
import dev.warden.jwt.TokenCacheAdmission;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens that passed full validation, kept under their exact text in a bounded Caffeine cache, each
 * for at most its remaining lifetime (plus the clock skew). A hit skips parsing and the signature
 * check; its time claims are still checked against the clock on every hit, and it is dropped as soon
 * as the key that verified it leaves the JWKS.
 * <p>
 * The key is the token text itself, compared in full: the cached {@link Jwt} holds that text anyway
 * ({@link Jwt#getTokenValue()}, the same string), so a digest would hide nothing, and it would cost
 * a SHA-256 of the whole token on every request, hits included. A lookup costs the string's hash
 * code and one comparison.
 */
public final class VerifiedTokenCache {

	private final Cache<Key, Entry> cache;

	/**
	 * Fingerprints of tokens verified once and not cached yet (admission on second sight), or
	 * {@code null} to cache every verified token at once. A fixed-size table: a slot holds the last
	 * token that hashed to it, so a token used once costs 8 bytes that the next one overwrites.
	 */
	private final long[] seenOnce;

	/**
	 * Creates a cache that admits every verified token.
	 * @param maxEntries the most tokens kept
	 * @param clockSkew added to each token's remaining lifetime
	 * @param clock the clock
	 */
	public VerifiedTokenCache(long maxEntries, Duration clockSkew, Clock clock) {
		this(maxEntries, clockSkew, clock, Ticker.systemTicker(), TokenCacheAdmission.FIRST_USE);
	}

	/**
	 * Creates a cache.
	 * @param maxEntries the most tokens kept
	 * @param clockSkew added to each token's remaining lifetime
	 * @param clock the clock
	 * @param admission when a verified token enters the cache
	 */
	public VerifiedTokenCache(long maxEntries, Duration clockSkew, Clock clock, TokenCacheAdmission admission) {
		this(maxEntries, clockSkew, clock, Ticker.systemTicker(), admission);
	}

	VerifiedTokenCache(long maxEntries, Duration clockSkew, Clock clock, Ticker ticker) {
		this(maxEntries, clockSkew, clock, ticker, TokenCacheAdmission.FIRST_USE);
	}

	VerifiedTokenCache(long maxEntries, Duration clockSkew, Clock clock, Ticker ticker, TokenCacheAdmission admission) {
		this.seenOnce = (admission == TokenCacheAdmission.SECOND_USE)
				? new long[Integer.highestOneBit((int) Math.min(1 << 20, Math.max(1024, maxEntries * 4)))] : null;
		this.cache = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.ticker(ticker)
			.expireAfter(CacheExpiry.<Key, Entry>perEntry(
					(entry) -> CacheExpiry.nanosUntil(clock.instant(), entry.expiresAt().plus(clockSkew))))
			.build();
	}

	/**
	 * The cache key of a token.
	 * @param token the token
	 * @return its key: the text, compared in full
	 */
	public static Key key(String token) {
		return new Key(token);
	}

	public Entry get(Key key) {
		return this.cache.getIfPresent(key);
	}

	public void put(Key key, Entry entry) {
		if (this.seenOnce != null && !secondSight(key)) {
			return;
		}
		this.cache.put(key, entry);
	}

	/** Whether the token was verified before; records it otherwise. Races only delay admission. */
	private boolean secondSight(Key key) {
		long fingerprint = key.fingerprint();
		int slot = (int) (fingerprint ^ (fingerprint >>> 32)) & (this.seenOnce.length - 1);
		if (this.seenOnce[slot] == fingerprint) {
			return true;
		}
		this.seenOnce[slot] = fingerprint;
		return false;
	}

	public void invalidate(Key key) {
		this.cache.invalidate(key);
	}

	/** Forgets every token, cached or seen once; for benchmarks and tests. */
	public void clear() {
		this.cache.invalidateAll();
		if (this.seenOnce != null) {
			Arrays.fill(this.seenOnce, 0);
		}
	}

	/**
	 * Drops every entry verified by a key that is no longer in the JWKS.
	 * @param keyFingerprints the fingerprints of the keys now published
	 */
	public void retainKeys(Set<String> keyFingerprints) {
		this.cache.asMap().values().removeIf((entry) -> !keyFingerprints.contains(entry.keyFingerprint()));
	}

	/**
	 * Drops every entry of one issuer verified by a key that issuer no longer publishes; the other
	 * issuers' entries stay (a cache shared by several issuers).
	 * @param issuer the issuer's configured name
	 * @param keyFingerprints the fingerprints of the keys it now publishes
	 */
	public void retainKeys(String issuer, Set<String> keyFingerprints) {
		this.cache.asMap()
			.values()
			.removeIf((entry) -> issuer.equals(entry.issuer()) && !keyFingerprints.contains(entry.keyFingerprint()));
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
	 * @param issuer the configured name of the issuer whose key verified it
	 */
	public record Entry(Jwt jwt, String keyFingerprint, String issuer) {

		/**
		 * An entry of the issuer named {@code default}.
		 * @param jwt the token
		 * @param keyFingerprint the fingerprint of the key that verified it
		 */
		public Entry(Jwt jwt, String keyFingerprint) {
			this(jwt, keyFingerprint, WardenJwtDecoder.DEFAULT_ISSUER);
		}

		public Instant expiresAt() {
			return this.jwt.getExpiresAt();
		}

	}

	/**
	 * A token's text, compared in full. Only the admission table uses a 64-bit fingerprint of it; a
	 * fingerprint collision only admits an already verified token one use early.
	 */
	public static final class Key {

		private final String token;

		Key(String token) {
			this.token = token;
		}

		/** A 64-bit FNV-1a hash of the text, never 0 (0 marks an empty admission slot). */
		long fingerprint() {
			long value = 0xcbf29ce484222325L;
			for (int i = 0; i < this.token.length(); i++) {
				value = (value ^ this.token.charAt(i)) * 0x100000001b3L;
			}
			return value == 0 ? 1 : value;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && this.token.equals(key.token);
		}

		@Override
		public int hashCode() {
			return this.token.hashCode();
		}

	}

}
