package dev.warden.security.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.security.support.Client;
import dev.warden.security.support.Expect;
import dev.warden.security.support.MainAppTest;
import dev.warden.security.support.Reply;
import dev.warden.security.support.TokenTrail;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hanging introspection endpoint under 200 concurrent requests to the live-checked endpoint
 * (Tomcat's default pool is 200 threads). Deadline connect + read = 600 ms, default
 * {@code warden.introspection.max-concurrent-calls} = 32. Every request must be answered (503)
 * within the deadline plus a margin, at most 32 calls may hang at the authorization server at
 * once, {@code /public/ping} must stay fast throughout, and the service must recover.
 */
class IntrospectionStormTest extends MainAppTest {

	private static final int STORM = 200;

	private static final int MAX_CONCURRENT_CALLS = 32;

	private static final Duration HANG = Duration.ofMillis(1500);

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	@AfterEach
	void answerNormally() throws InterruptedException {
		long until = System.nanoTime() + HANG.plusSeconds(1).toNanos();
		while (this.inFlight.get() > 0 && System.nanoTime() < until) {
			Thread.sleep(20);
		}
		issuer.introspectionAnswers(null);
	}

	@Test
	void hangingIntrospectionEndpointUnderTwoHundredConcurrentRequestsExhaustsNothing() throws Exception {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < STORM; i++) {
			tokens.add(issuer.token().scopes("data:read").sign());
		}
		issuer.introspectionAnswers((token) -> {
			int now = this.inFlight.incrementAndGet();
			this.maxInFlight.accumulateAndGet(now, Math::max);
			try {
				Thread.sleep(HANG.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.inFlight.decrementAndGet();
			}
			return new MockResponse.Builder().setHeader("Content-Type", "application/json").body("{\"active\":true}").build();
		});
		// this JVM has just run the memory tests: collect now, so that a pause of the test JVM's own
		// garbage collector is not mistaken for Warden's latency
		System.gc();
		ExecutorService pool = Executors.newFixedThreadPool(STORM + 1);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Reply>> storm = new ArrayList<>();
		for (String token : tokens) {
			storm.add(pool.submit(() -> {
				Client client = new Client(this.port, new TokenTrail());
				start.await();
				return client.bearer("/api/live", token);
			}));
		}
		AtomicBoolean storming = new AtomicBoolean(true);
		Future<List<Reply>> pings = pool.submit(() -> {
			Client client = new Client(this.port, new TokenTrail());
			List<Reply> replies = new ArrayList<>();
			start.await();
			while (storming.get()) {
				replies.add(client.get("/public/ping"));
				Thread.sleep(25);
			}
			return replies;
		});
		long begin = System.nanoTime();
		start.countDown();
		List<Reply> answers = new ArrayList<>();
		for (Future<Reply> future : storm) {
			answers.add(future.get(30, TimeUnit.SECONDS));
		}
		long stormMillis = (System.nanoTime() - begin) / 1_000_000;
		storming.set(false);
		List<Reply> pingReplies = pings.get(30, TimeUnit.SECONDS);
		pool.shutdown();

		Duration limit = INTROSPECTION_DEADLINE.plusMillis(250 + 650);
		assertThat(answers).hasSize(STORM).allSatisfy((reply) -> Expect.unavailable(reply, "5", limit));
		assertThat(stormMillis).as("the whole storm").isLessThan(limit.toMillis() + 1000);
		assertThat(this.maxInFlight.get()).as("calls hanging at the authorization server at once")
			.isBetween(1, MAX_CONCURRENT_CALLS);
		assertThat(pingReplies).as("pings during the storm").isNotEmpty().allSatisfy((reply) -> {
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.body()).isEqualTo("pong");
			Expect.notSlowerThan(reply, Duration.ofMillis(500));
		});

		// after the storm: the permits are back and the endpoint answers normally again
		long until = System.nanoTime() + HANG.plusSeconds(1).toNanos();
		while (this.inFlight.get() > 0 && System.nanoTime() < until) {
			Thread.sleep(20);
		}
		issuer.introspectionAnswers(null);
		Expect.ok(this.client.bearer("/api/live", issuer.token().scopes("data:read").sign()));
	}

}
