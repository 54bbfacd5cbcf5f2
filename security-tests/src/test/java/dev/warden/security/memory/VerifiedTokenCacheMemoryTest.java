package dev.warden.security.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.warden.internal.jwt.VerifiedTokenCache;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One million distinct tokens into Warden's verified-token cache ({@link VerifiedTokenCache}, keyed by
 * the token's text): its size stays within its bound and the heap after a full GC stays
 * bounded. Entries are put directly (package-private {@code put}) with one shared {@link Jwt}, as
 * the decoder does after a successful validation; signing a million tokens would take minutes.
 */
class VerifiedTokenCacheMemoryTest {

	private static final int TOKENS = 1_000_000;

	private static final long MAX_ENTRIES = 10_000;

	@Test
	void oneMillionDistinctTokensKeepTheCacheWithinMaxEntriesAndTheHeapBounded() throws Exception {
		long heapBefore = Heap.usedHeapAfterGc();
		Instant now = Instant.now();
		VerifiedTokenCache cache = new VerifiedTokenCache(MAX_ENTRIES, Duration.ofSeconds(60), Clock.systemUTC());
		Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").claim("sub", "alice").issuedAt(now)
			.expiresAt(now.plusSeconds(3600)).build();
		VerifiedTokenCache.Entry entry = new VerifiedTokenCache.Entry(jwt, "fingerprint");
		for (int i = 0; i < TOKENS; i++) {
			cache.put(VerifiedTokenCache.key("synthetic-token-" + i), entry);
			if (i % 100_000 == 99_999) {
				cache.cleanUp();
				assertThat(cache.size()).as("cache size after %s tokens", i + 1).isLessThanOrEqualTo(MAX_ENTRIES);
			}
		}
		cache.cleanUp();
		assertThat(cache.size()).isLessThanOrEqualTo(MAX_ENTRIES).isGreaterThan(MAX_ENTRIES / 2);
		assertThat(cache.get(VerifiedTokenCache.key("synthetic-token-" + (TOKENS - 1)))).isNotNull();
		long growth = Heap.usedHeapAfterGc() - heapBefore;
		System.out.printf("Verified-token cache: %d tokens, %d cached, heap growth %d KB%n", TOKENS, cache.size(),
				growth / 1024);
		assertThat(growth).as("heap growth after %s distinct tokens (bytes)", TOKENS).isLessThan(64L * 1024 * 1024);
		assertThat(cache.size()).isPositive();
	}

}
