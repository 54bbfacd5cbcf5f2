package dev.warden.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls both DPoP benchmarks around a small ring, so that a benchmark measuring a refusal instead of
 * an acceptance fails the build. Measures nothing.
 */
class DPoPProofBenchmarkSmokeTest {

	@Test
	void bothBenchmarksAcceptEveryProofAndTheRingStartsOverWithAFreshReplayCache() throws Exception {
		DPoPProofBenchmark benchmark = new DPoPProofBenchmark();
		benchmark.ring = 4;
		benchmark.setUp();
		for (int i = 0; i < 12; i++) {
			assertTrue(benchmark.nimbusEs256Verify());
		}
		// a refused proof throws: twelve calls over a ring of four pass only with a fresh replay cache per round
		for (int i = 0; i < 12; i++) {
			benchmark.wardenProofCheck();
		}
	}

}
