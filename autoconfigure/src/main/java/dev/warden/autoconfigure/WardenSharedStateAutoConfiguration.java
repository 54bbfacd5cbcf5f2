package dev.warden.autoconfigure;

import java.time.Clock;

import dev.warden.internal.WardenExecutors;
import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.jwt.InMemoryDPoPReplayCache;
import dev.warden.internal.revocation.Revocations;
import dev.warden.internal.shared.RedisAnswers;
import dev.warden.internal.shared.RedisSharedState;
import dev.warden.internal.shared.SharedDPoPReplayCache;
import dev.warden.jwt.DPoPReplayCache;
import dev.warden.revocation.RevocationListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of state shared across the instances of a service on Redis
 * ({@code warden.shared-state.store=redis}), through Spring Boot's own connection
 * ({@code spring.data.redis.*}): revocations stored and published, introspection answers shared,
 * used DPoP proofs remembered by every instance. Runs before Warden's token pipeline, so the shared
 * replay cache replaces the in-memory one.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		before = WardenJwtAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "warden.shared-state.store", havingValue = "redis")
public final class WardenSharedStateAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	static class RedisConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		RedisSharedState wardenSharedState(ObjectProvider<RedisConnectionFactory> connectionFactory,
				WardenProperties properties, Revocations wardenRevocations, ObjectProvider<RevocationListener> listeners,
				WardenExecutors wardenExecutors) {
			RedisConnectionFactory redis = connectionFactory.getIfAvailable();
			if (redis == null) {
				throw new InvalidWardenPropertyException("warden.shared-state.store", "redis",
						"there is no Redis connection (RedisConnectionFactory bean) to share state on.",
						"Let Spring Boot configure Redis (spring.data.redis.host and port; do not exclude its Redis "
								+ "auto-configuration), or set warden.shared-state.store=memory.");
			}
			SharedStateProperties shared = properties.getSharedState();
			RedisSharedState state = new RedisSharedState(redis, shared.getKeyPrefix(), shared.getTimeout(),
					wardenExecutors.calls(), wardenRevocations,
					CompositeListeners.revocation(listeners), Clock.systemUTC());
			state.start();
			return state;
		}

		@Bean
		@ConditionalOnMissingBean
		DPoPReplayCache wardenDPoPReplayCache(RedisSharedState wardenSharedState, WardenProperties properties) {
			return new SharedDPoPReplayCache(wardenSharedState,
					new InMemoryDPoPReplayCache(properties.getDpop().getReplayCacheSize(), Clock.systemUTC()),
					Clock.systemUTC());
		}

		/** Each introspection client's answers, shared under its issuer's name and client id. */
		@Bean
		SmartInitializingSingleton wardenSharedIntrospection(RedisSharedState wardenSharedState,
				ObjectProvider<IntrospectionCheckers> introspectionCheckers) {
			return () -> introspectionCheckers.ifAvailable((checkers) -> checkers.all()
				.forEach((checker) -> checker.checker()
					.introspector()
					.share(new RedisAnswers(wardenSharedState, checker.name() + ":" + checker.checker()
						.introspector()
						.clientId()))));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisConnectionFactory.class, HealthIndicator.class })
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "wardenSharedStateHealthIndicator")
		WardenSharedStateHealthIndicator wardenSharedStateHealthIndicator(RedisSharedState wardenSharedState) {
			return new WardenSharedStateHealthIndicator(wardenSharedState);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisConnectionFactory.class, MeterRegistry.class })
	static class MetricsConfiguration {

		@Bean
		SmartInitializingSingleton wardenSharedStateGauge(RedisSharedState wardenSharedState,
				ObjectProvider<MeterRegistry> registry) {
			return () -> registry.ifAvailable((meters) -> Gauge
				.builder("warden.shared.store.up", wardenSharedState, (state) -> state.isUp() ? 1 : 0)
				.description("Whether the shared store answered its last operation (1) or this instance works on its "
						+ "local state (0)")
				.register(meters));
		}

	}

	/** {@code warden.shared-state.store=redis} without Spring Data Redis: say what is missing. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.connection.RedisConnectionFactory")
	static class MissingRedisConfiguration {

		@Bean
		Object wardenSharedStateRedisMissing() {
			throw new InvalidWardenPropertyException("warden.shared-state.store", "redis",
					"Spring Data Redis is not on the classpath.",
					"Add the dependency org.springframework.boot:spring-boot-starter-data-redis, or set "
							+ "warden.shared-state.store=memory.");
		}

	}

}
