package dev.warden.autoconfigure;

import dev.warden.internal.jwt.InMemoryDPoPReplayCache;
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
		this.runner.withPropertyValues("warden.shared-state.store=redis", "spring.data.redis.port=" + redis.port())
			.run((context) -> {
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

}
