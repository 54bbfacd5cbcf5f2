package dev.warden.autoconfigure;

import java.util.List;

import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.scope.EndpointDecisions;
import dev.warden.internal.webflux.ReactiveEndpointRegistry;
import dev.warden.scope.AuthorizationListener;
import dev.warden.scope.LiveTokenCheck;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Auto-configuration of per-endpoint scope enforcement for WebFlux applications, the reactive twin
 * of {@link WardenScopeAutoConfiguration}: the endpoint registry of annotated controllers and
 * declared functional routes (built once, logged, and checked at the end of startup with the same
 * checks) and the decisions that Warden's reactive chain applies to every non-public exchange.
 */
@AutoConfiguration(after = { WardenJwtAutoConfiguration.class, WardenIntrospectionAutoConfiguration.class },
		before = WardenReactiveWebSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ RequestMappingHandlerMapping.class, EndpointDecisions.class })
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
public final class WardenReactiveScopeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveEndpointRegistry wardenReactiveEndpointRegistry(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlerMapping,
			ObjectProvider<RouterFunction<?>> routerFunctions, ObjectProvider<ServerCodecConfigurer> codecs,
			WardenProperties properties) {
		ServerCodecConfigurer configurer = codecs.getIfAvailable();
		List<HttpMessageReader<?>> readers = (configurer != null) ? configurer.getReaders()
				: ServerCodecConfigurer.create().getReaders();
		return new ReactiveEndpointRegistry(handlerMapping::getIfAvailable, () -> composed(routerFunctions), readers,
				WardenScopeAutoConfiguration.publicPattern(properties));
	}

	/** The application's router functions in their order, as WebFlux's handler mapping composes them. */
	private static RouterFunction<?> composed(ObjectProvider<RouterFunction<?>> routerFunctions) {
		RouterFunction<?> composed = null;
		for (RouterFunction<?> router : routerFunctions.orderedStream().toList()) {
			composed = (composed != null) ? composed.andOther(router) : router;
		}
		return composed;
	}

	@Bean
	SmartInitializingSingleton wardenReactiveEndpointInventory(ReactiveEndpointRegistry registry,
			WardenProperties properties, ObjectProvider<LiveTokenCheck> liveTokenCheck,
			ObjectProvider<JwtDecoder> jwtDecoder, ObjectProvider<TrustedIssuers> trustedIssuers,
			ObjectProvider<IntrospectionCheckers> introspectionCheckers) {
		return () -> EndpointInventoryChecks.check(registry, properties, liveTokenCheck.getIfAvailable(),
				jwtDecoder.getIfAvailable() != null && WardenJwtAutoConfiguration.isWardens(jwtDecoder.getIfAvailable()),
				trustedIssuers.getIfAvailable(), introspectionCheckers.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	EndpointDecisions wardenEndpointDecisions(WardenProperties properties,
			ObjectProvider<LiveTokenCheck> liveTokenCheck, ObjectProvider<AuthorizationListener> listeners,
			ObjectProvider<TrustedIssuers> trustedIssuers, ObjectProvider<IssuerConfigurations> issuerConfigurations) {
		return new EndpointDecisions(properties.getScopes().getDefaultPolicy(), liveTokenCheck.getIfAvailable(),
				CompositeListeners.authorization(listeners), WardenScopeAutoConfiguration.stepUpPolicy(properties),
				WardenScopeAutoConfiguration.issuerOf(trustedIssuers.getIfAvailable(), issuerConfigurations));
	}

}
