package dev.warden.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import dev.warden.internal.Digests;
import dev.warden.internal.jwt.InMemoryDPoPReplayCache;
import dev.warden.internal.revocation.RevocationEntry;
import dev.warden.internal.revocation.Revocations;
import dev.warden.internal.shared.RedisSharedState;
import dev.warden.internal.shared.SharedDPoPReplayCache;
import dev.warden.jwt.DPoPReplayCache;
import dev.warden.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WardenSharedStateAutoConfiguration} against a real Redis: nothing shared unless
 * {@code warden.shared-state.store=redis}; with it, the shared replay cache replaces the in-memory
 * one; without Spring Data Redis, or without a connection, startup says what is missing.
 */
class WardenSharedStateAutoConfigurationTest {

	static RedisServer redis;

	@BeforeAll
	static void start() {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stop() {
		redis.close();
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				WardenSharedStateAutoConfiguration.class, WardenJwtAutoConfiguration.class,
				WardenRevocationAutoConfiguration.class))
		.withPropertyValues("warden.issuer=https://auth.example.com", "warden.audiences=orders-api",
				"warden.jwks.warm-up=false", "spring.data.redis.host=127.0.0.1");

	@Test
	void eachInstanceKeepsItsOwnStateByDefault() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(RedisSharedState.class);
			assertThat(context.getBean(DPoPReplayCache.class)).isInstanceOf(InMemoryDPoPReplayCache.class);
		});
	}

	@Test
	void onRedisTheReplayCacheIsSharedAndTheStoreIsUp() {
		onRedis(redis).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DPoPReplayCache.class)).isInstanceOf(SharedDPoPReplayCache.class);
			assertThat(context.getBean(RedisSharedState.class).isUp()).isTrue();
			assertThat(context).hasSingleBean(WardenSharedStateHealthIndicator.class);
		});
	}

	@Test
	void withoutSpringDataRedisStartupSaysWhatToAdd() {
		this.runner.withPropertyValues("warden.shared-state.store=redis")
			.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidWardenPropertyException.class)
					.hasMessageContaining("Spring Data Redis is not on the classpath")
					.hasMessageContaining("spring-boot-starter-data-redis");
			});
	}

	@Test
	void withoutARedisConnectionStartupSaysSo() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WardenSharedStateAutoConfiguration.class,
					WardenJwtAutoConfiguration.class, WardenRevocationAutoConfiguration.class))
			.withPropertyValues("warden.issuer=https://auth.example.com", "warden.audiences=orders-api",
					"warden.jwks.warm-up=false", "warden.shared-state.store=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidWardenPropertyException.class)
					.hasMessageContaining("there is no Redis connection");
			});
	}

	@Test
	void aRedisThatIsDownAtStartupDoesNotStopTheApplication() {
		RedisServer down = RedisServer.start();
		int port = down.port();
		down.close();
		this.runner.withPropertyValues("warden.shared-state.store=redis", "spring.data.redis.port=" + port)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RedisSharedState state = context.getBean(RedisSharedState.class);
				assertThat(state.isUp()).isFalse();
				assertThat(state.lastError()).startsWith("ping: ");
				assertThat(context.getBean(DPoPReplayCache.class)
					.firstUse("proof", java.time.Instant.now().plusSeconds(60))).isTrue();
				assertThat(context.getBean(DPoPReplayCache.class)
					.firstUse("proof", java.time.Instant.now().plusSeconds(60))).isFalse();
			});
	}

	@Test
	void aRedisThatDoesNotAnswerNeverHoldsUpTheDeadlineTimer() {
		try (RedisServer frozen = RedisServer.start()) {
			onRedis(frozen).run((context) -> {
					assertThat(context.getBean(RedisSharedState.class).isUp()).isTrue();
					frozen.freeze();
					try {
						// the check every second waits up to a second for each PING: watch where it waits
						Set<String> checking = new HashSet<>();
						long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
						while (System.nanoTime() < end) {
							Thread.getAllStackTraces().forEach((thread, stack) -> {
								if (Arrays.stream(stack)
									.anyMatch((frame) -> frame.getClassName().equals(RedisSharedState.class.getName())
											&& frame.getMethodName().equals("tick"))) {
									checking.add(thread.getName());
								}
							});
							Thread.sleep(20);
						}
						assertThat(checking).contains("warden-shared-state")
							.noneMatch((name) -> name.startsWith("warden-http-deadlines"));
						assertThat(context.getBean(RedisSharedState.class).isUp()).isFalse();
					}
					finally {
						frozen.resume();
					}
				});
		}
	}

	@Test
	void aRedisThatStopsAnsweringDuringARecoveryIsMarkedDownWithinSecondsNotTheCommandTimeout() {
		try (RedisServer server = RedisServer.start()) {
			onRedis(server).run((context) -> {
					RedisSharedState state = context.getBean(RedisSharedState.class);
					assertThat(state.isUp()).isTrue();
					server.kill();
					waitFor(() -> !state.isUp());
					// recorded while Redis is away: republished on its return
					Instant now = Instant.now();
					RevocationEntry entry = new RevocationEntry(RevocationEntry.Kind.SUBJECT, "https://auth.example.com",
							"alice", null, null, null, now, now.plusSeconds(600), "session_revoked");
					context.getBean(Revocations.class).record(entry);
					String stored = "warden:revocation:" + Digests.hexSha256(entry.key().text());
					server.restart();
					// PING is answered, every write (SET, PUBLISH) waits: the republication hangs
					assertThat(server.command("CLIENT", "PAUSE", "30000", "WRITE")).isEqualTo("+OK");
					try {
						// the connection's command timeout is a minute; the check waits a second per write
						waitFor(() -> String.valueOf(state.lastError()).startsWith("publish: "));
						assertThat(state.lastError()).contains("no answer within");
					}
					finally {
						server.command("CLIENT", "UNPAUSE");
					}
					// once writes go through, the next recovery republishes it
					waitFor(() -> state.isUp() && server.command("EXISTS", stored).equals(":1"));
				});
		}
	}

	@Test
	void anEntryStoredWhileTheSubscriptionWasDownIsLoadedOnceItIsBack() {
		try (RedisServer server = RedisServer.start()) {
			// another service on the same Redis, under its own prefix: nothing it publishes reaches the first
			ApplicationContextRunner elsewhere = onRedis(server).withPropertyValues("warden.shared-state.key-prefix=other:");
			onRedis(server).run((context) -> elsewhere.run((other) -> {
				RedisSharedState state = context.getBean(RedisSharedState.class);
				Revocations revocations = context.getBean(Revocations.class);
				// the loads that follow startup are over once the last load is a while ago
				waitFor(() -> state.lastSync() != null
						&& Duration.between(state.lastSync(), Instant.now()).compareTo(Duration.ofMillis(2500)) > 0);
				Instant now = Instant.now();
				RevocationEntry entry = new RevocationEntry(RevocationEntry.Kind.SUBJECT, "https://auth.example.com",
						"bob", null, null, null, now, now.plusSeconds(600), "session_revoked");
				other.getBean(Revocations.class).record(entry);
				String hash = Digests.hexSha256(entry.key().text());
				waitFor(() -> server.command("EXISTS", "other:revocation:" + hash).equals(":1"));
				// stored under the first prefix with no message: what a subscriber that was away missed
				assertThat(server.command("COPY", "other:revocation:" + hash, "warden:revocation:" + hash))
					.isEqualTo(":1");
				Thread.sleep(1500);
				assertThat(revocations.active()).noneMatch((kept) -> kept.key().equals(entry.key()));
				// every subscription drops and comes back; PING never failed, so no recovery runs
				assertThat(server.command("CLIENT", "KILL", "TYPE", "pubsub")).matches(":[1-9][0-9]*");
				waitFor(() -> revocations.active().stream().anyMatch((kept) -> kept.key().equals(entry.key())));
				assertThat(state.isUp()).isTrue();
			}));
		}
	}

	private ApplicationContextRunner onRedis(RedisServer server) {
		return this.runner.withPropertyValues("warden.shared-state.store=redis", "spring.data.redis.port=" + server.port());
	}

	/** Waits at most 20 seconds, well under the connection's command timeout of a minute. */
	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("not within 20s").isLessThan(end);
			Thread.sleep(20);
		}
	}

}
