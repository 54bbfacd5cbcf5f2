package dev.warden.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.jwt.TokenRejection;
import dev.warden.jwt.TokenValidationListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls every benchmark a few times on a small ring, so that a benchmark that would throw or
 * measure the wrong path (a cold call served from the cache, a repeated one not) fails the build.
 * Measures nothing.
 */
class TokenDecodeBenchmarkSmokeTest {

	@TempDir
	Path fixtures;

	private TokenDecodeBenchmark benchmark;

	@AfterEach
	void tearDown() throws Exception {
		if (this.benchmark != null) {
			this.benchmark.tearDown();
		}
		System.clearProperty("warden.bench.fixtures");
	}

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "ES256" })
	void everyBenchmarkDecodesAndColdCallsAreMisses(String alg) throws Exception {
		System.setProperty("warden.bench.fixtures", this.fixtures.toString());
		Counting counting = new Counting();
		this.benchmark = new TokenDecodeBenchmark();
		this.benchmark.alg = alg;
		this.benchmark.ring = 8;
		this.benchmark.listener = counting;
		this.benchmark.setUp();
		counting.reset();

		for (int i = 0; i < 20; i++) {
			assertNotNull(this.benchmark.nimbusRaw().getSubject());
			assertNotNull(this.benchmark.springNimbusJwtDecoder().getSubject());
		}
		for (int i = 0; i < 20; i++) {
			assertEquals("bench-client", this.benchmark.wardenCold().getSubject());
		}
		assertEquals(20, counting.misses.get(), "every cold call is a full validation");
		assertEquals(0, counting.hits.get());

		counting.reset();
		for (int i = 0; i < 20; i++) {
			assertNotNull(this.benchmark.wardenColdNoCache().getSubject());
		}
		assertEquals(20, counting.misses.get());

		counting.reset();
		for (int i = 0; i < 20; i++) {
			assertNotNull(this.benchmark.wardenRepeated().getSubject());
		}
		assertEquals(20, counting.hits.get(), "every repeated call is served from the cache");
		assertEquals(0, counting.rejected.get());

		counting.reset();
		for (int i = 0; i < 20; i++) {
			assertEquals("bench-client", this.benchmark.wardenRepeatedTwoIssuers().getSubject());
		}
		assertEquals(20, counting.hits.get(), "with two issuers every repeated call is served from the cache too");
		assertEquals(0, counting.misses.get());
		counting.reset();
		for (int i = 0; i < 20; i++) {
			assertEquals("bench-client", this.benchmark.wardenRepeatedRevocationsOn().getSubject());
		}
		assertEquals(20, counting.hits.get(), "the revocation check leaves the cached path as it is");
		// the partner's key source is never asked: a token of the first issuer is routed by its entry
		assertEquals(5, this.benchmark.jwksFetches(),
				"Spring's and Warden's 3 single-issuer decoders and the two-issuer router's first issuer fetch once each");

		// a second load reuses the stored tokens and key; a smaller set comes from the larger one
		TokenFixtures first = TokenFixtures.load(this.fixtures, alg, 8);
		TokenFixtures second = TokenFixtures.load(this.fixtures, alg, 8);
		assertTrue(first.reused().equals(second.reused()), "the stored set is reused");
		assertEquals(8, second.distinct().size());
		TokenFixtures smaller = TokenFixtures.load(this.fixtures, alg, 4);
		assertEquals(4, smaller.distinct().size());
		assertTrue(smaller.reused().equals(first.reused()), "a smaller set is taken from a larger stored one");
	}

	private static final class Counting implements TokenValidationListener {

		final AtomicInteger hits = new AtomicInteger();

		final AtomicInteger misses = new AtomicInteger();

		final AtomicInteger rejected = new AtomicInteger();

		@Override
		public void accepted(Jwt jwt, boolean cached, long nanos) {
			(cached ? this.hits : this.misses).incrementAndGet();
		}

		@Override
		public void rejected(TokenRejection reason, long nanos) {
			this.rejected.incrementAndGet();
		}

		void reset() {
			this.hits.set(0);
			this.misses.set(0);
			this.rejected.set(0);
		}

	}

}
