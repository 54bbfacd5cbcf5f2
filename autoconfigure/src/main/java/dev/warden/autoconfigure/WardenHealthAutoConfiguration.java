package dev.warden.autoconfigure;

import dev.warden.internal.introspection.RevocationChecker;
import dev.warden.internal.jwt.JwksStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code warden} health contributor. Its {@code DEGRADED} status is
 * placed in the health status order between {@code OUT_OF_SERVICE} and {@code UP} and mapped to
 * HTTP 200 by {@link WardenEnvironmentPostProcessor}.
 */
@AutoConfiguration(after = { WardenJwtAutoConfiguration.class, WardenIntrospectionAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
@ConditionalOnBean(JwksStatus.class)
@ConditionalOnEnabledHealthIndicator("warden")
public final class WardenHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "wardenHealthIndicator")
	WardenHealthIndicator wardenHealthIndicator(JwksStatus jwksStatus,
			ObjectProvider<RevocationChecker> revocationChecker) {
		return new WardenHealthIndicator(jwksStatus, revocationChecker.getIfAvailable());
	}

}
