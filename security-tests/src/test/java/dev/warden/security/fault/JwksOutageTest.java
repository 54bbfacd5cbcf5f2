package dev.warden.security.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.app.HardenedTestApplication;
import dev.warden.security.support.AppTestSupport;
import dev.warden.security.support.Expect;
import dev.warden.security.support.Reply;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JWKS outage longer than the cache TTL, over real HTTP, with short timings: cache TTL 1.5 s,
 * refresh-ahead off, min-refresh-interval 500 ms, outage tolerance 3 s, fetch deadline 500 ms.
 * docs/security-model.md ("When the keys cannot be fetched"): last-known keys keep serving within
 * the outage tolerance (up to tolerance + TTL after the last success); an unknown kid meanwhile is
 * a 401, not a 503; once nothing usable is left, 503 with Retry-After; service resumes when the
 * endpoint is back.
 */
@SpringBootTest(classes = HardenedTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.audiences=" + TestIssuer.AUDIENCE, "warden.introspection.client-id=" + TestIssuer.CLIENT_ID,
				"warden.introspection.client-secret=" + TestIssuer.CLIENT_SECRET, "warden.jwks.cache-ttl=1500ms",
				"warden.jwks.refresh-ahead=0s", "warden.jwks.min-refresh-interval=500ms", "warden.jwks.outage-tolerance=3s",
				"warden.jwks.connect-timeout=250ms", "warden.jwks.read-timeout=250ms", "logging.level.dev.warden=DEBUG" })
class JwksOutageTest extends AppTestSupport {

	static final TestIssuer issuer = TestIssuer.start();

	private static final Duration TTL = Duration.ofMillis(1500);

	private static final Duration TOLERANCE = Duration.ofSeconds(3);

	@DynamicPropertySource
	static void warden(DynamicPropertyRegistry registry) {
		registry.add("warden.issuer", issuer::issuer);
		registry.add("warden.jwks-uri", () -> issuer.jwksUri().toString());
		registry.add("warden.introspection.uri", () -> issuer.introspectionUri().toString());
	}

	@AfterEach
	void endpointUp() {
		issuer.jwksUp();
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	/** A fresh token each time, so that Warden's verified-token cache cannot hide the key lookup. */
	private Reply fresh() {
		return this.client.bearer("/api/data", issuer.token().scopes("data:read").sign());
	}

	/** Waits for the next successful JWKS fetch and returns its time (nanoTime). */
	private long nextSuccessfulFetch() throws InterruptedException {
		int before = issuer.jwksRequests();
		long deadline = System.nanoTime() + TTL.plusSeconds(2).toNanos();
		while (issuer.jwksRequests() == before) {
			assertThat(System.nanoTime()).as("a JWKS fetch within the cache TTL").isLessThan(deadline);
			Expect.ok(fresh());
			Thread.sleep(20);
		}
		return System.nanoTime();
	}

	@Test
	void lastKnownKeysServeThroughAnOutageLongerThanTheTtlThenTheAnswerIs503UntilTheEndpointIsBack() throws Exception {
		long lastSuccess = nextSuccessfulFetch();
		issuer.jwksDown();
		int fetchesAtOutage = issuer.jwksRequests();

		// longer than the cache TTL, within the tolerance: served from the last-known keys
		List<Reply> duringTolerance = new ArrayList<>();
		String unknownKid = issuer.token().signedWith(new ECKeyGenerator(Curve.P_256).keyID("unknown-kid").generate())
			.es256()
			.scopes("data:read")
			.sign();
		while (System.nanoTime() - lastSuccess < TTL.plus(Duration.ofMillis(1200)).toNanos()) {
			duringTolerance.add(fresh());
			Expect.invalidToken(this.client.bearer("/api/data", unknownKid), DecoderOracle.NO_KEY);
			Thread.sleep(100);
		}
		assertThat(duringTolerance).hasSizeGreaterThan(10).allSatisfy(Expect::ok);
		int fetchesDuringOutage = issuer.jwksRequests() - fetchesAtOutage;
		assertThat(fetchesDuringOutage).as("refetches are still attempted, but rate-limited").isBetween(1, 2 * 6 + 2);

		// beyond tolerance + TTL: nothing usable is left, the answer is the documented 503, fast
		long beyond = lastSuccess + TOLERANCE.plus(TTL).plusMillis(700).toNanos();
		Thread.sleep(Math.max(0, (beyond - System.nanoTime()) / 1_000_000));
		Reply unavailable = fresh();
		Expect.unavailable(unavailable, "1", Duration.ofMillis(500 + 500));

		// back up: within one min-refresh-interval the service recovers
		issuer.jwksUp();
		long recoverBy = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		Reply recovered = fresh();
		while (recovered.status() != 200 && System.nanoTime() < recoverBy) {
			Thread.sleep(100);
			recovered = fresh();
		}
		Expect.ok(recovered);
	}

	@Test
	void hangingJwksEndpointNeverHoldsARequestLongerThanTheFetchDeadline() throws Exception {
		nextSuccessfulFetch();
		issuer.jwksHangs(Duration.ofSeconds(5));
		int fetchesBeforeHang = issuer.jwksRequests();
		// through the TTL and into the outage tolerance: every request is answered within the deadline + margin
		long until = System.nanoTime() + TTL.plusMillis(800).toNanos();
		int replies = 0;
		while (System.nanoTime() < until) {
			Reply reply = fresh();
			Expect.ok(reply);
			Expect.notSlowerThan(reply, Duration.ofMillis(500 + 500));
			replies++;
			Thread.sleep(50);
		}
		assertThat(replies).as("requests answered while the endpoint hung").isGreaterThan(10);
		// the hanging endpoint was really called (the keys expired and Warden refetched), at most at the rate limit:
		// two per min-refresh-interval over the TTL and the 800 ms after it
		assertThat(issuer.jwksRequests() - fetchesBeforeHang).as("calls to the hanging JWKS endpoint")
			.isBetween(1, 2 * 5);
	}

}
