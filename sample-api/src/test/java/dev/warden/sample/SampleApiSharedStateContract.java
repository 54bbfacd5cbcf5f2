package dev.warden.sample;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import dev.warden.test.DPoPKey;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.RedisServer;
import dev.warden.test.SecurityEventTokens;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.warden.test.SecurityEventTokens.issSub;
import static dev.warden.test.SecurityEventTokens.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample, started with exactly the flags docs/revocation.md gives, share state
 * on a real Redis ({@code redis-server}, started here on a random port): an event pushed to one is
 * enforced by the other and by an instance started later; one introspection call serves both; a
 * DPoP proof used at one is refused at the other; and while Redis is away neither answers a 5xx,
 * each enforces what it received, and what was pushed meanwhile reaches the other when Redis returns.
 * The outages come last, so that the first tests see the instances as they start.
 * <p>
 * Written once and run against both samples ({@code SampleApiSharedStateTest} on Spring MVC,
 * {@code SampleApiReactiveSharedStateTest} on WebFlux); a subclass names the application with
 * {@link Runs}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class SampleApiSharedStateContract {

	/** The application a subclass starts. */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	public @interface Runs {

		/**
		 * The application's class.
		 * @return the class
		 */
		Class<?> value();

	}

	static Class<?> application;

	protected static final WardenTestIssuer issuer = WardenTestIssuer.start("orders-api", "orders-api", "orders-api-secret");

	static RedisServer redis;

	static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	static Http a;

	static Http b;

	@BeforeAll
	static void start(TestInfo test) {
		application = test.getTestClass().orElseThrow().getAnnotation(Runs.class).value();
		redis = RedisServer.start();
		a = new Http(port(startInstance()));
		b = new Http(port(startInstance()));
	}

	@AfterAll
	static void stop() {
		instances.forEach(ConfigurableApplicationContext::close);
		redis.close();
		issuer.close();
	}

	static ConfigurableApplicationContext startInstance() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(
				"--server.port=0", "--warden.issuer=" + issuer.issuer(), "--warden.jwks-uri=" + issuer.jwksUri(),
				"--warden.introspection.uri=" + issuer.introspectionUri(), "--warden.introspection.client-id=orders-api",
				"--warden.introspection.client-secret=orders-api-secret", "--server.forward-headers-strategy=framework",
				// the flags the issue names, and nothing else new
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
				"--warden.shared-state.store=redis", "--warden.revocation.push.enabled=true");
		instances.add(context);
		return context;
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static String pushRevocation(Http to, String subject) {
		Answer answer = to.send("POST", "/ssf/events", null, "application/secevent+jwt",
				set(issuer.rsaKey(), issuer.issuer(), "orders-api").subject(issSub(issuer.issuer(), subject))
					.event(SecurityEventTokens.SESSION_REVOKED, Instant.now())
					.sign());
		assertThat(answer.status()).isEqualTo(202);
		return subject;
	}

	private static String tokenOf(String subject) {
		return issuer.token().subject(subject).scopes("orders:read").issuedAt(Instant.now().minusSeconds(30)).sign();
	}

	/** Waits until the condition holds, at most the limit; the time it took. */
	private static Duration within(Duration limit, Supplier<Boolean> condition) {
		long start = System.nanoTime();
		while (!condition.get()) {
			if (System.nanoTime() - start > limit.toNanos()) {
				throw new AssertionError("not within " + limit);
			}
			sleep(2);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	@Order(1)
	void anEventPushedToOneInstanceIsEnforcedByEveryInstanceAndByOneStartedLater() {
		String subject = "user-" + UUID.randomUUID();
		String token = tokenOf(subject);
		assertThat(a.get("/api/orders", token).status()).isEqualTo(200);
		assertThat(b.get("/api/orders", token).status()).isEqualTo(200);
		pushRevocation(a, subject);
		assertThat(a.get("/api/orders", token).status()).isEqualTo(401);
		// pub/sub: the other instance refuses it too (the figures are measured in docs/benchmarks.md)
		within(Duration.ofSeconds(5), () -> b.get("/api/orders", token).status() == 401);
		Http later = new Http(port(startInstance()));
		assertThat(later.get("/api/orders", token).status()).isEqualTo(401);
		assertThat(later.get("/api/orders", tokenOf("user-" + UUID.randomUUID())).status()).isEqualTo(200);
	}

	/**
	 * Push-to-enforcement latency across instances: events pushed to one instance, each timed until
	 * the other refuses the subject's token. Asserts only that every one is enforced; the figures
	 * (docs/benchmarks.md) come from {@code benchmarks/run-revocation.sh}, which runs this with more
	 * events ({@code -Dwarden.bench.revocations}).
	 */
	@Test
	@Order(2)
	void everyEventPushedToOneInstanceIsEnforcedByTheOtherAndTheDelayIsRecorded() throws Exception {
		int count = Integer.getInteger("warden.bench.revocations", 20);
		List<Long> micros = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String subject = "latency-" + i + "-" + UUID.randomUUID();
			String token = tokenOf(subject);
			long start = System.nanoTime();
			pushRevocation(a, subject);
			within(Duration.ofSeconds(5), () -> b.get("/api/orders", token).status() == 401);
			micros.add((System.nanoTime() - start) / 1000);
		}
		List<Long> sorted = micros.stream().sorted().toList();
		String report = String.format(java.util.Locale.ROOT,
				"revocation push to enforcement at the other instance: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
				count, sorted.get(count / 2) / 1000.0, sorted.get(Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)) / 1000.0,
				sorted.get(count - 1) / 1000.0);
		System.out.print(report);
		java.nio.file.Files.writeString(java.nio.file.Path.of("target", "revocation-latency.txt"), report);
		assertThat(micros).hasSize(count);
	}

	@Test
	@Order(3)
	void oneIntrospectionCallServesEveryInstance() {
		String token = issuer.token().subject("admin-" + UUID.randomUUID()).scopes("orders:admin").sign();
		int before = issuer.introspectionRequests();
		assertThat(a.send("DELETE", "/api/orders/1", token, null, null).status()).isEqualTo(204);
		assertThat(issuer.introspectionRequests()).isEqualTo(before + 1);
		// the other instance misses its own cache and finds the answer in Redis
		assertThat(b.send("DELETE", "/api/orders/2", token, null, null).status()).isEqualTo(204);
		assertThat(issuer.introspectionRequests()).isEqualTo(before + 1);
		// a revocation the authorization server reports is shared the same way
		String revoked = issuer.token().subject("admin-" + UUID.randomUUID()).scopes("orders:admin").sign();
		issuer.revoke(revoked);
		assertThat(a.send("DELETE", "/api/orders/3", revoked, null, null).status()).isEqualTo(401);
		assertThat(b.send("DELETE", "/api/orders/3", revoked, null, null).status()).isEqualTo(401);
		assertThat(issuer.introspectionRequests()).isEqualTo(before + 2);
	}

	@Test
	@Order(4)
	void aDPoPProofUsedAtOneInstanceIsRefusedAtTheOther() {
		DPoPKey key = DPoPKey.ec();
		String token = issuer.token().scopes("orders:read").boundTo(key).sign();
		String proof = key.proof("GET", "https://api.example.com/api/orders", token);
		List<String> headers = List.of("Authorization: DPoP " + token, "DPoP: " + proof,
				"X-Forwarded-Proto: https", "X-Forwarded-Host: api.example.com", "X-Forwarded-Port: 443");
		assertThat(a.raw("/api/orders", headers).status()).isEqualTo(200);
		Answer replayed = b.raw("/api/orders", headers);
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.header("WWW-Authenticate")).contains("error=\"invalid_dpop_proof\"",
				"error_description=\"The DPoP proof has been used before (jti)\"");
	}

	@Test
	@Order(5)
	void whileRedisIsAwayEachInstanceWorksOnItsOwnAndCatchesUpWhenItReturns() {
		String subject = "user-" + UUID.randomUUID();
		String token = tokenOf(subject);
		String other = tokenOf("user-" + UUID.randomUUID());
		redis.kill();
		try {
			// never a 5xx: tokens are served, introspection and DPoP fall back to local state
			for (int i = 0; i < 5; i++) {
				assertThat(a.get("/api/orders", other).status()).isEqualTo(200);
				assertThat(b.get("/api/orders", other).status()).isEqualTo(200);
			}
			pushRevocation(a, subject);
			assertThat(a.get("/api/orders", token).status()).isEqualTo(401);
			within(Duration.ofSeconds(5), () -> a.get("/actuator/health/wardenSharedState", null).body()
				.contains("\"status\":\"DEGRADED\""));
			assertThat(a.get("/actuator/health", null).status()).isEqualTo(200);
			String metrics = a.get("/actuator/prometheus", null).body();
			assertThat(metrics).contains("warden_shared_store_up 0.0");
			// the other instance has not heard of it: Redis carried nothing
			assertThat(b.get("/api/orders", token).status()).isEqualTo(200);
		}
		finally {
			redis.restart();
		}
		// A republishes what it recorded meanwhile; B loads it
		within(Duration.ofSeconds(10), () -> b.get("/api/orders", token).status() == 401);
		within(Duration.ofSeconds(5), () -> a.get("/actuator/health/wardenSharedState", null).body()
			.contains("\"status\":\"UP\""));
	}

	@Test
	@Order(6)
	void aFrozenRedisDoesNotHangRequestsThatWouldUseIt() {
		String token = tokenOf("user-" + UUID.randomUUID());
		DPoPKey key = DPoPKey.ec();
		String bound = issuer.token().scopes("orders:read").boundTo(key).sign();
		redis.freeze();
		try {
			for (int i = 0; i < 3; i++) {
				long start = System.nanoTime();
				assertThat(a.get("/api/orders", token).status()).isEqualTo(200);
				String proof = key.proof("GET", "https://api.example.com/api/orders", bound);
				Answer answer = a.raw("/api/orders", List.of("Authorization: DPoP " + bound, "DPoP: " + proof,
						"X-Forwarded-Proto: https", "X-Forwarded-Host: api.example.com", "X-Forwarded-Port: 443"));
				// the proof check waits for Redis at most warden.shared-state.timeout, then decides locally
				assertThat(answer.status()).isEqualTo(200);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			}
		}
		finally {
			redis.resume();
		}
	}

}
