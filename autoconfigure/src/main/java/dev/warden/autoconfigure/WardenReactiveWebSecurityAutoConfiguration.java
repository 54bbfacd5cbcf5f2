package dev.warden.autoconfigure;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.introspection.IntrospectionOpaqueTokenIntrospector;
import dev.warden.internal.introspection.ReactiveIntrospectingJwtDecoder;
import dev.warden.internal.introspection.ReactiveIntrospectionOpaqueTokenIntrospector;
import dev.warden.internal.jwt.EventLoops;
import dev.warden.internal.jwt.NonBlockingJwtDecoder;
import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.revocation.PushReceiver;
import dev.warden.internal.revocation.ReactiveRevokingJwtDecoder;
import dev.warden.internal.revocation.ReactiveRevokingOpaqueTokenIntrospector;
import dev.warden.internal.revocation.Revocations;
import dev.warden.internal.scope.EndpointDecisions;
import dev.warden.internal.scope.WardenJwtAuthenticationConverter;
import dev.warden.internal.web.AuthorizationHeader;
import dev.warden.internal.web.ClientCertificateHeader;
import dev.warden.internal.web.ResourceMetadata;
import dev.warden.internal.web.TokenShapeAuthenticationManager;
import dev.warden.internal.webflux.EndpointAuthorizationWebFilter;
import dev.warden.internal.webflux.PushReceiverWebFilter;
import dev.warden.internal.webflux.ReactiveEndpointRegistry;
import dev.warden.internal.webflux.ResourceMetadataWebFilter;
import dev.warden.internal.webflux.ServerBearerTokenConverter;
import dev.warden.internal.webflux.ServerTokenRequest;
import dev.warden.internal.webflux.TokenRequestWebFilter;
import dev.warden.internal.webflux.WardenServerAccessDeniedHandler;
import dev.warden.internal.webflux.WardenServerAuthenticationEntryPoint;
import dev.warden.scope.DefaultPolicy;
import dev.warden.scope.LiveTokenCheck;
import dev.warden.web.WardenServerHttpSecurity;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Auto-configuration of Warden's WebFlux security, the reactive twin of
 * {@link WardenWebSecurityAutoConfiguration}: the same token pipeline reached through non-blocking
 * adapters (a cached token inline; key fetches, signatures, DPoP replay checks and introspection off
 * the event loop), the same RFC 6750 answers, RFC 9728 document, push endpoint, audit lines and
 * startup checks, and a stateless {@link SecurityWebFilterChain} that backs off when the
 * application declares its own (it can then apply Warden with {@link WardenServerHttpSecurity}).
 */
@AutoConfiguration(
		after = { WardenJwtAutoConfiguration.class, WardenIntrospectionAutoConfiguration.class,
				WardenRevocationAutoConfiguration.class },
		beforeName = { "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, JwtReactiveAuthenticationManager.class, Mono.class })
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
@ConditionalOnBean(JwtDecoder.class)
@Import(WardenReactiveWebSecurityAutoConfiguration.WebFluxSecurityEnabler.class)
public final class WardenReactiveWebSecurityAutoConfiguration {

	/**
	 * Enables Spring Security's WebFlux support when nothing else has (e.g. in a
	 * {@code @WebFluxTest} slice without Spring Boot's security auto-configuration).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(WebFilterChainProxy.class)
	@EnableWebFluxSecurity
	static class WebFluxSecurityEnabler {

	}

	@Bean
	@ConditionalOnMissingBean
	WardenJwtAuthenticationConverter wardenJwtAuthenticationConverter(WardenProperties properties,
			ObjectProvider<TrustedIssuers> trustedIssuers, ObjectProvider<IssuerConfigurations> issuerConfigurations) {
		return WardenWebSecurityAutoConfiguration.jwtAuthenticationConverter(properties, trustedIssuers,
				issuerConfigurations);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "warden.resource-metadata.enabled", matchIfMissing = true)
	ResourceMetadata wardenResourceMetadata(WardenProperties properties,
			ObjectProvider<ReactiveEndpointRegistry> registry, Environment environment, JwtDecoder jwtDecoder,
			ObjectProvider<TrustedIssuers> trustedIssuers) {
		return WardenWebSecurityAutoConfiguration.resourceMetadata(properties, registry::getIfAvailable, environment,
				jwtDecoder, trustedIssuers);
	}

	/**
	 * The token pipeline without blocking: Warden's decoder (cached tokens inline, the rest on a
	 * bounded elastic scheduler), then the revocation list, then the live check of issuers checked on
	 * every request, awaited without blocking.
	 */
	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder wardenReactiveJwtDecoder(JwtDecoder jwtDecoder, ObjectProvider<TrustedIssuers> trustedIssuers,
			ObjectProvider<Revocations> revocations, ObjectProvider<IntrospectionCheckers> introspectionCheckers,
			SenderConstraints senderConstraints) {
		ReactiveJwtDecoder decoder = NonBlockingJwtDecoder.of(jwtDecoder, trustedIssuers.getIfAvailable());
		Revocations revoked = revocations.getIfAvailable();
		if (revoked != null) {
			decoder = new ReactiveRevokingJwtDecoder(decoder, revoked);
		}
		IntrospectionCheckers checkers = introspectionCheckers.getIfAvailable();
		if (checkers != null && checkers.everyRequestAnywhere()) {
			decoder = new ReactiveIntrospectingJwtDecoder(decoder,
					(iss) -> WardenWebSecurityAutoConfiguration.everyRequest(checkers, iss), senderConstraints);
		}
		return decoder;
	}

	@Bean
	@ConditionalOnMissingBean
	WardenServerAuthenticationEntryPoint wardenServerAuthenticationEntryPoint(WardenProperties properties,
			ObjectProvider<ResourceMetadata> resourceMetadata, JwtDecoder jwtDecoder) {
		Predicate<ServerWebExchange> dpopRequired = (exchange) -> properties.getDpop().isRequired()
				|| requiresDPoP(exchange);
		return new WardenServerAuthenticationEntryPoint(
				WardenWebSecurityAutoConfiguration.authenticationFailures(properties, jwtDecoder),
				WardenWebSecurityAutoConfiguration.audit(properties), resourceMetadata.getIfAvailable(),
				dpopRequired);
	}

	private static boolean requiresDPoP(ServerWebExchange exchange) {
		ReactiveEndpointRegistry.Lookup lookup = ReactiveEndpointRegistry.cachedLookup(exchange);
		return lookup != null && lookup.kind() == ReactiveEndpointRegistry.Kind.HANDLER
				&& lookup.requirement().dpop();
	}

	@Bean
	@ConditionalOnMissingBean
	WardenServerAccessDeniedHandler wardenServerAccessDeniedHandler(WardenProperties properties) {
		return new WardenServerAccessDeniedHandler(properties.getScopes().isNameRequiredScopes(),
				WardenWebSecurityAutoConfiguration.audit(properties));
	}

	@Bean
	WardenServerHttpSecurity wardenServerHttpSecurity(WardenProperties properties, JwtDecoder jwtDecoder,
			ReactiveJwtDecoder wardenReactiveJwtDecoder,
			WardenJwtAuthenticationConverter wardenJwtAuthenticationConverter,
			WardenServerAuthenticationEntryPoint entryPoint, WardenServerAccessDeniedHandler accessDeniedHandler,
			ObjectProvider<ReactiveEndpointRegistry> endpointRegistry,
			ObjectProvider<EndpointDecisions> endpointDecisions, ObjectProvider<LiveTokenCheck> liveTokenCheck,
			ObjectProvider<IntrospectionOpaqueTokenIntrospector> opaqueTokenIntrospector,
			ObjectProvider<ResourceMetadata> resourceMetadata, ObjectProvider<Revocations> revocations,
			ObjectProvider<PushReceiver> pushReceiver, Environment environment) {
		PushReceiver receiver = pushReceiver.getIfAvailable();
		boolean dpop = WardenWebSecurityAutoConfiguration.checkPipeline(properties, jwtDecoder, receiver != null);
		Predicate<ServerWebExchange> publicPaths = paths(properties.getPublicPaths());
		String actuatorBase = WardenScopeAutoConfiguration.actuatorBasePath(environment);
		Predicate<ServerWebExchange> actuatorPaths = (actuatorBase != null) ? paths(List.of(actuatorBase + "/**"))
				: (exchange) -> false;
		ReactiveEndpointRegistry registry = endpointRegistry.getIfAvailable();
		EndpointDecisions decisions = endpointDecisions.getIfAvailable();
		if (decisions == null) {
			// an application without annotated endpoints: a valid token on every non-public exchange
			decisions = new EndpointDecisions(DefaultPolicy.AUTHENTICATED, null,
					(outcome, route) -> {
					}, WardenScopeAutoConfiguration.stepUpPolicy(properties), (token) -> null);
			registry = null;
		}
		EndpointAuthorizationWebFilter authorization = new EndpointAuthorizationWebFilter(publicPaths, actuatorPaths,
				WardenScopeAutoConfiguration.actuatorRequirement(properties), registry, decisions,
				liveCheck(liveTokenCheck.getIfAvailable()), entryPoint, accessDeniedHandler);
		ServerBearerTokenConverter converter = new ServerBearerTokenConverter(
				new AuthorizationHeader((int) properties.getMaxTokenSize().toBytes(), dpop), publicPaths, registry);
		String certificateHeader = properties.getClientCertificate().getHeader();
		TokenRequestWebFilter tokenRequest = new TokenRequestWebFilter(
				(certificateHeader != null && !certificateHeader.isBlank())
						? new ClientCertificateHeader(certificateHeader) : null);
		PushReceiverWebFilter push = (receiver != null)
				? new PushReceiverWebFilter(receiver, Schedulers.boundedElastic()) : null;
		return new WardenServerHttpSecurity(
				authenticationManager(wardenReactiveJwtDecoder, wardenJwtAuthenticationConverter,
						opaqueTokenIntrospector.getIfAvailable(), revocations.getIfAvailable()),
				converter, entryPoint, accessDeniedHandler, authorization, tokenRequest,
				new ResourceMetadataWebFilter(resourceMetadata.getIfAvailable()), push);
	}

	private static ReactiveAuthenticationManager authenticationManager(ReactiveJwtDecoder decoder,
			WardenJwtAuthenticationConverter converter, IntrospectionOpaqueTokenIntrospector introspector,
			Revocations revocations) {
		JwtReactiveAuthenticationManager jwt = new JwtReactiveAuthenticationManager(decoder);
		jwt.setJwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter));
		if (introspector == null) {
			return jwt;
		}
		ReactiveOpaqueTokenIntrospector opaque = new ReactiveIntrospectionOpaqueTokenIntrospector(introspector);
		if (revocations != null) {
			opaque = new ReactiveRevokingOpaqueTokenIntrospector(opaque, revocations);
		}
		OpaqueTokenReactiveAuthenticationManager opaqueManager = new OpaqueTokenReactiveAuthenticationManager(opaque);
		// a JWS goes to the decoder, anything else to introspection, as on the servlet stack
		return (authentication) -> TokenShapeAuthenticationManager
			.isJws(((BearerTokenAuthenticationToken) authentication).getToken()) ? jwt.authenticate(authentication)
					: opaqueManager.authenticate(authentication);
	}

	/** The live check without blocking: Warden's answers asynchronously, an application's own off the event loop. */
	private static BiFunction<AbstractOAuth2TokenAuthenticationToken<?>, ServerWebExchange, Mono<Void>> liveCheck(
			LiveTokenCheck check) {
		if (check instanceof WardenIntrospectionAutoConfiguration.IntrospectionLiveTokenCheck introspection) {
			return (token, exchange) -> Mono
				.fromFuture(() -> introspection.verifyAsync(token, ServerTokenRequest.of(exchange)))
				.transform(EventLoops::resume);
		}
		if (check == null) {
			return (token, exchange) -> Mono.empty();
		}
		return (token, exchange) -> Mono.<Void>fromRunnable(() -> check.verify(token))
			.subscribeOn(Schedulers.boundedElastic())
			.transform(EventLoops::resume);
	}

	private static Predicate<ServerWebExchange> paths(List<String> patterns) {
		List<PathPattern> parsed = patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
		if (parsed.isEmpty()) {
			return (exchange) -> false;
		}
		return (exchange) -> {
			PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
			for (PathPattern pattern : parsed) {
				if (pattern.matches(path)) {
					return true;
				}
			}
			return false;
		};
	}

	@Bean
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain wardenSecurityWebFilterChain(ServerHttpSecurity http,
			WardenServerHttpSecurity wardenServerHttpSecurity) {
		return wardenServerHttpSecurity.configure(http).build();
	}

}
