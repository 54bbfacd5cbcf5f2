package dev.warden.autoconfigure;

import java.time.Clock;

import dev.warden.internal.introspection.RevocationChecker;
import dev.warden.internal.jwt.JwksStatus;
import dev.warden.internal.jwt.VerifiedTokenCache;
import dev.warden.internal.metrics.WardenMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Warden's Micrometer meters, when the application has a
 * {@link MeterRegistry}. Spring Security's own {@code spring.security.authentications}
 * observation is left as it is.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
public final class WardenMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WardenMetrics wardenMetrics(MeterRegistry registry) {
		return new WardenMetrics(registry, Clock.systemUTC());
	}

	@Bean
	SmartInitializingSingleton wardenMetricsGauges(WardenMetrics metrics, MeterRegistry registry,
			ObjectProvider<JwksStatus> jwksStatus, ObjectProvider<VerifiedTokenCache> tokenCache,
			ObjectProvider<RevocationChecker> revocationChecker) {
		return () -> {
			jwksStatus.ifAvailable(metrics::bindJwks);
			tokenCache.ifAvailable((cache) -> metrics.bindSize("warden.token.cache.size",
					"Tokens in the verified-token cache", cache::size));
			revocationChecker.ifAvailable((checker) -> {
				metrics.bindSize("warden.introspection.cache.size", "Answers in the introspection cache",
						checker.introspector()::cacheSize);
				FunctionCounter.builder("warden.introspection.allowed.unchecked", checker,
						RevocationChecker::allowedUncheckedCount)
					.description("Requests let through unchecked under warden.introspection.on-failure=allow")
					.register(registry);
			});
		};
	}

}
