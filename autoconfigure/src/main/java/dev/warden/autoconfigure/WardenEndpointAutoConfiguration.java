package dev.warden.autoconfigure;

import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.revocation.Revocations;
import dev.warden.internal.scope.EndpointInventory;
import dev.warden.revocation.RevocationListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code warden} Actuator endpoint (the endpoint inventory, and operators'
 * revocations).
 */
@AutoConfiguration(after = { WardenScopeAutoConfiguration.class, WardenReactiveScopeAutoConfiguration.class,
		WardenRevocationAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(EndpointInventory.class)
@ConditionalOnAvailableEndpoint(WardenEndpoint.class)
public final class WardenEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WardenEndpoint wardenEndpoint(EndpointInventory registry, WardenProperties properties,
			ObjectProvider<Revocations> revocations, ObjectProvider<TrustedIssuers> trustedIssuers,
			ObjectProvider<RevocationListener> listeners) {
		return new WardenEndpoint(registry, properties, revocations.getIfAvailable(), trustedIssuers.getIfAvailable(),
				CompositeListeners.revocation(listeners));
	}

}
