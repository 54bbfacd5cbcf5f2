package dev.warden.autoconfigure;

import java.time.Clock;

import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.introspection.RevocationChecker;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.jwt.VerifiedTokenCache;
import dev.warden.internal.metrics.WardenMetrics;
import dev.warden.internal.revocation.Revocations;
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
import org.springframework.core.env.Environment;

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
	WardenMetrics wardenMetrics(MeterRegistry registry, Environment environment) {
		// the names only: the issuers' pipelines tell these meters about their tokens
		return new WardenMetrics(registry, Clock.systemUTC(), IssuerConfigurations.names(environment));
	}

	@Bean
	SmartInitializingSingleton wardenMetricsGauges(WardenMetrics metrics, MeterRegistry registry,
			ObjectProvider<TrustedIssuers> trustedIssuers, ObjectProvider<VerifiedTokenCache> tokenCache,
			ObjectProvider<IntrospectionCheckers> introspectionCheckers, ObjectProvider<Revocations> revocations) {
		return () -> {
			revocations.ifAvailable((list) -> metrics.bindSize("warden.revocation.entries",
					"Revocation entries in force on this instance", list::size));
			trustedIssuers.ifAvailable((trusted) -> trusted.all()
				.forEach((issuer) -> metrics.bindJwks(issuer.name(), issuer.status())));
			tokenCache.ifAvailable((cache) -> metrics.bindSize("warden.token.cache.size",
					"Tokens in the verified-token cache", cache::size));
			introspectionCheckers.ifAvailable((checkers) -> checkers.all().forEach((checker) -> {
				metrics.bindSize("warden.introspection.cache.size", "Answers in the introspection cache",
						checker.checker().introspector()::cacheSize, "issuer", checker.name());
				FunctionCounter.builder("warden.introspection.allowed.unchecked", checker.checker(),
						RevocationChecker::allowedUncheckedCount)
					.description("Requests let through unchecked under introspection.on-failure=allow")
					.tag("issuer", checker.name())
					.register(registry);
			}));
		};
	}

}
