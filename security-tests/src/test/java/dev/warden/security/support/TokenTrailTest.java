package dev.warden.security.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The log-leak check itself: it must find every remembered fragment, wherever it sits in the log. */
class TokenTrailTest {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MX0.c2lnbmF0dXJlLW9mLWEtdG9rZW4tdGhhdC1pcy1sb25n";

	@Test
	void findsTheTokenAndEachOfItsSecretSegmentsAnywhereInTheLog() {
		TokenTrail trail = new TokenTrail();
		trail.remember(TOKEN);
		trail.remember("not.seen.anywhere-at-all-in-this-log");
		String[] parts = TOKEN.split("\\.");
		assertThat(trail.leakedInto("INFO request " + TOKEN + " done")).containsExactlyInAnyOrder(parts[1], parts[2]);
		assertThat(trail.leakedInto(parts[1])).containsExactly(parts[1]);
		assertThat(trail.leakedInto("x" + parts[2])).containsExactly(parts[2]);
		assertThat(trail.leakedInto(parts[1].substring(0, 20) + parts[1])).containsExactly(parts[1]);
	}

	@Test
	void aTokenWithoutLongSegmentsIsCheckedWhole() {
		TokenTrail trail = new TokenTrail();
		String dotted = "a.b.c.d.e.f.g.h.i.j.k.l";
		trail.remember(dotted);
		assertThat(trail.leakedInto("x" + dotted + "x")).containsExactly(dotted);
		assertThat(trail.leakedInto("a.b.c.d.e.f.g.h.i.j.k.")).isEmpty();
	}

	@Test
	void findsNothingWhereNoFragmentIsWholeAndIgnoresTheHeaderAndShortFragments() {
		TokenTrail trail = new TokenTrail();
		trail.remember(TOKEN);
		trail.secret("short");
		String[] parts = TOKEN.split("\\.");
		assertThat(trail.leakedInto(parts[0] + " " + parts[1].substring(0, parts[1].length() - 1) + " short")).isEmpty();
		assertThat(trail.leakedInto("")).isEmpty();
	}

	@Test
	void thousandsOfTokensAreCheckedAgainstALargeLogInOnePass() {
		TokenTrail trail = new TokenTrail();
		for (int i = 0; i < 20_000; i++) {
			trail.remember(TOKEN.substring(0, 60) + i + TOKEN.substring(60));
		}
		String leaked = TOKEN.substring(0, 60) + 12_345 + TOKEN.substring(60);
		String log = "x".repeat(5_000_000) + leaked + "y".repeat(1000);
		long start = System.nanoTime();
		assertThat(trail.leakedInto(log)).contains(leaked.split("\\.")[2]);
		assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds for 5 MB").isLessThan(10_000);
	}

}
