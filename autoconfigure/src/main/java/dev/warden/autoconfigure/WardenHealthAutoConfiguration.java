package dev.warden.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.jwt.TrustedIssuers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code warden} health contributor: one indicator for a single trusted
 * issuer, a component per issuer ({@code warden/<name>}) for several. Its {@code DEGRADED} status is
 * placed in the health status order between {@code OUT_OF_SERVICE} and {@code UP} and mapped to
 * HTTP 200 by {@link WardenEnvironmentPostProcessor}.
 */
@AutoConfiguration(after = { WardenJwtAutoConfiguration.class, WardenIntrospectionAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
@ConditionalOnBean(TrustedIssuers.class)
@ConditionalOnEnabledHealthIndicator("warden")
public final class WardenHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "wardenHealthIndicator")
	HealthContributor wardenHealthIndicator(TrustedIssuers trustedIssuers,
			ObjectProvider<IntrospectionCheckers> introspectionCheckers, IssuerConfigurations wardenIssuerConfigurations) {
		IntrospectionCheckers checkers = introspectionCheckers.getIfAvailable();
		List<TrustedIssuers.Issuer> issuers = trustedIssuers.all();
		Map<String, String> prefixes = new LinkedHashMap<>();
		wardenIssuerConfigurations.all().forEach((issuer) -> prefixes.put(issuer.name(), issuer.prefix()));
		if (issuers.size() == 1) {
			return indicator(issuers.get(0), checkers, prefixes);
		}
		Map<String, HealthContributor> components = new LinkedHashMap<>();
		for (TrustedIssuers.Issuer issuer : issuers) {
			components.put(issuer.name(), indicator(issuer, checkers, prefixes));
		}
		return CompositeHealthContributor.fromMap(components);
	}

	private static WardenHealthIndicator indicator(TrustedIssuers.Issuer issuer, IntrospectionCheckers checkers,
			Map<String, String> prefixes) {
		IntrospectionCheckers.Checker checker = (checkers != null) ? checkers.forIssuer(issuer.issuer()) : null;
		String prefix = prefixes.getOrDefault(issuer.name(), "warden") + ".introspection";
		return new WardenHealthIndicator(issuer.status(), (checker != null) ? checker.checker() : null, prefix);
	}

}
