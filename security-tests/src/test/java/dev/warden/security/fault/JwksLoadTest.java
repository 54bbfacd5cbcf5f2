package dev.warden.security.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.app.HardenedTestApplication;
import dev.warden.security.support.AppTestSupport;
import dev.warden.security.support.Client;
import dev.warden.security.support.Expect;
import dev.warden.security.support.Jose;
import dev.warden.security.support.Reply;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWKS under load, over real HTTP: key rotation while 8 clients send 200 requests each, and a
 * flood of unknown kids. Cache TTL 5 min (no expiry during the test), min-refresh-interval 500 ms.
 * docs/security-model.md ("Keys"): a new kid causes one refetch; refetches are rate-limited to at
 * most two per min-refresh-interval, so forged kids cannot become a flood of requests to the
 * authorization server.
 */
@SpringBootTest(classes = HardenedTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.audiences=" + TestIssuer.AUDIENCE, "warden.introspection.client-id=" + TestIssuer.CLIENT_ID,
				"warden.introspection.client-secret=" + TestIssuer.CLIENT_SECRET, "warden.jwks.min-refresh-interval=500ms" })
class JwksLoadTest extends AppTestSupport {

	static final TestIssuer issuer = TestIssuer.start();

	private static final Duration MIN_REFRESH = Duration.ofMillis(500);

	@DynamicPropertySource
	static void warden(DynamicPropertyRegistry registry) {
		registry.add("warden.issuer", issuer::issuer);
		registry.add("warden.jwks-uri", () -> issuer.jwksUri().toString());
		registry.add("warden.introspection.uri", () -> issuer.introspectionUri().toString());
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	private static List<String> tokens(int count) {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tokens.add(((i % 2 == 0) ? issuer.token() : issuer.token().es256()).scopes("data:read").sign());
		}
		return tokens;
	}

	// 8 threads x 200 requests; the issuer rolls its keys over (old and new published) a quarter into the run and
	// from then on signs with the new keys: no request fails, and the new kid costs one or two JWKS fetches
	@Test
	void keyRotationUnderConcurrentLoadFailsNoRequestAndCostsAtMostTwoFetches() throws Exception {
		// start in a fresh rate-limit interval: a flood of unknown kids just before (another test of
		// this shared context) may have used this interval's two fetches, and Nimbus would then
		// refuse the rotation's refetch until the interval ends
		Thread.sleep(600);
		Expect.ok(this.client.bearer("/api/data", issuer.token().scopes("data:read").sign()));
		// the next keys and their tokens are ready before the load starts, so that the rollover is instant
		RSAKey nextRsa = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
		ECKey nextEc = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
		List<String> nextTokens = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			nextTokens.add(((i % 2 == 0) ? issuer.token().signedWith(nextRsa) : issuer.token().es256().signedWith(nextEc))
				.scopes("data:read")
				.sign());
		}
		List<JWK> rollover = List.of(issuer.rsaKey().toPublicJWK(), issuer.ecKey().toPublicJWK(), nextRsa.toPublicJWK(),
				nextEc.toPublicJWK());
		AtomicReference<List<String>> current = new AtomicReference<>(tokens(16));
		int fetchesBefore = issuer.jwksRequests();
		int threads = 8;
		int perThread = 200;
		AtomicInteger sent = new AtomicInteger();
		AtomicInteger sentWithNextKeys = new AtomicInteger();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			futures.add(pool.submit(() -> {
				Client client = new Client(this.port, this.trail);
				start.await();
				for (int i = 0; i < perThread; i++) {
					List<String> tokens = current.get();
					String token = tokens.get((thread + i) % tokens.size());
					Reply reply = client.bearer("/api/data", token);
					sent.incrementAndGet();
					if (tokens == nextTokens) {
						sentWithNextKeys.incrementAndGet();
					}
					if (reply.status() != 200 || reply.elapsed().compareTo(Duration.ofSeconds(1)) > 0) {
						failures.add(reply.toString());
					}
				}
				return null;
			}));
		}
		Future<?> rotation = pool.submit(() -> {
			while (sent.get() < threads * perThread / 4) {
				Thread.onSpinWait();
			}
			issuer.publish(rollover);
			current.set(nextTokens);
			return null;
		});
		start.countDown();
		rotation.get(30, TimeUnit.SECONDS);
		for (Future<?> future : futures) {
			future.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();
		assertThat(sent.get()).isEqualTo(threads * perThread);
		assertThat(sentWithNextKeys.get()).as("requests with tokens of the new keys").isGreaterThan(threads * perThread / 2);
		assertThat(failures).as("failed or slow requests during the rotation").isEmpty();
		assertThat(issuer.jwksRequests() - fetchesBefore).as("JWKS fetches caused by the rotation").isBetween(1, 2);
	}

	// docs/security-model.md, The verified-token cache: "Removed keys take their tokens along" (key compromise: the
	// issuer withdraws a key, and tokens it signed must stop working even though Warden cached them as verified)
	@Test
	void withdrawnKeyTakesItsCachedTokensAlong() throws Exception {
		String cached = issuer.token().scopes("data:read").sign();
		Expect.ok(this.client.bearer("/api/data", cached));
		Expect.ok(this.client.bearer("/api/data", cached));
		issuer.rotateKeys();
		Thread.sleep(MIN_REFRESH.toMillis() + 100);
		// a token of the new key makes Warden fetch the key set, which no longer has the old key
		Expect.ok(this.client.bearer("/api/data", issuer.token().scopes("data:read").sign()));
		Expect.invalidToken(this.client.bearer("/api/data", cached), DecoderOracle.NO_KEY);
	}

	// a flood of tokens with unknown kids (an attacker's own EC key, a new kid per request) from 4 threads for 2 s
	@Test
	void floodOfUnknownKidsIsRateLimitedAndLegitimateTrafficIsUnaffected() throws Exception {
		Expect.ok(this.client.bearer("/api/data", issuer.token().scopes("data:read").sign()));
		String legitimate = issuer.token().scopes("data:read").sign();
		int fetchesBefore = issuer.jwksRequests();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		AtomicInteger flood = new AtomicInteger();
		long floodNanos = Duration.ofSeconds(2).toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int thread = t;
			futures.add(pool.submit(() -> {
				Client client = new Client(this.port, this.trail);
				int i = 0;
				while (System.nanoTime() - start < floodNanos) {
					String kid = "forged-" + thread + "-" + (i++);
					String token = Jose.es256(attacker, "{\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}",
							Jose.json(Jose.claims(issuer, "data:read")));
					Reply reply = client.bearer("/api/data", token);
					flood.incrementAndGet();
					if (reply.status() != 401 || reply.elapsed().compareTo(Expect.HOSTILE_LIMIT) > 0
							|| reply.headers("WWW-Authenticate").size() != 1 || !reply.header("WWW-Authenticate").matches(Expect
								.challenge("Bearer error=\"invalid_token\", error_description=\"No key of the issuer matches the token\""))) {
						failures.add(reply.toString());
					}
				}
				return null;
			}));
		}
		List<Reply> legitimateReplies = new ArrayList<>();
		while (System.nanoTime() - start < floodNanos) {
			legitimateReplies.add(this.client.bearer("/api/data", legitimate));
			Thread.sleep(100);
		}
		for (Future<?> future : futures) {
			future.get(30, TimeUnit.SECONDS);
		}
		pool.shutdown();
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		int fetches = issuer.jwksRequests() - fetchesBefore;
		long intervals = elapsedMillis / MIN_REFRESH.toMillis() + 1;
		assertThat(flood.get()).as("forged requests sent").isGreaterThan(100);
		assertThat(failures).as("flood answers other than a fast 401 No key").isEmpty();
		assertThat(fetches).as("JWKS fetches for %s forged kids in %sms", flood.get(), elapsedMillis)
			.isLessThanOrEqualTo((int) (2 * intervals));
		assertThat(legitimateReplies).isNotEmpty().allSatisfy(Expect::ok);
	}

}
