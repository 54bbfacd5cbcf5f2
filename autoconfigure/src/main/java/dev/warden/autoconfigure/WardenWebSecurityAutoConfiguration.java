package dev.warden.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.nimbusds.jose.JWSAlgorithm;
import dev.warden.internal.introspection.IntrospectingJwtDecoder;
import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.introspection.IntrospectionOpaqueTokenIntrospector;
import dev.warden.internal.introspection.RevocationChecker;
import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.revocation.PushReceiverFilter;
import dev.warden.internal.revocation.Revocations;
import dev.warden.internal.revocation.RevokingJwtDecoder;
import dev.warden.internal.revocation.RevokingOpaqueTokenIntrospector;
import dev.warden.internal.scope.EndpointInventory;
import dev.warden.internal.scope.EndpointRegistry;
import dev.warden.internal.scope.EndpointRequirement;
import dev.warden.internal.scope.ScopeAuthorizationManager;
import dev.warden.internal.scope.ScopeClaims;
import dev.warden.internal.scope.WardenJwtAuthenticationConverter;
import dev.warden.internal.web.AuditLog;
import dev.warden.internal.web.AuthenticationFailures;
import dev.warden.internal.web.HeaderBearerTokenResolver;
import dev.warden.internal.web.ResourceMetadata;
import dev.warden.internal.web.TokenShapeAuthenticationManager;
import dev.warden.internal.web.WardenAccessDeniedHandler;
import dev.warden.internal.web.WardenAuthenticationEntryPoint;
import dev.warden.introspection.IntrospectionUnavailableException;
import dev.warden.jwt.SharedStateUnavailableException;
import dev.warden.web.WardenHttpSecurity;
import jakarta.servlet.http.HttpServletRequest;

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
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Auto-configuration of Warden's servlet security: the bearer token resolver, RFC 6750 answers,
 * and a stateless {@link SecurityFilterChain}. The chain backs off when the application declares
 * its own; the application can then apply Warden to it with {@link WardenHttpSecurity}. Runs
 * before Spring Boot's web security and resource-server auto-configurations, so only one chain is
 * configured.
 */
@AutoConfiguration(after = WardenJwtAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, BearerTokenAuthenticationFilter.class })
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
@ConditionalOnBean(JwtDecoder.class)
@Import(WardenWebSecurityAutoConfiguration.WebSecurityEnabler.class)
public final class WardenWebSecurityAutoConfiguration {

	/**
	 * Enables Spring Security's web support when nothing else has (e.g. in a {@code @WebMvcTest}
	 * slice without Spring Boot's security auto-configuration), as Spring Boot itself does.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(name = "springSecurityFilterChain")
	@EnableWebSecurity
	static class WebSecurityEnabler {

	}

	@Bean
	@ConditionalOnMissingBean
	WardenJwtAuthenticationConverter wardenJwtAuthenticationConverter(WardenProperties properties,
			ObjectProvider<TrustedIssuers> trustedIssuers, ObjectProvider<IssuerConfigurations> issuerConfigurations) {
		return jwtAuthenticationConverter(properties, trustedIssuers, issuerConfigurations);
	}

	/** The converter of a verified token into an authentication, whatever the web stack. */
	static WardenJwtAuthenticationConverter jwtAuthenticationConverter(WardenProperties properties,
			ObjectProvider<TrustedIssuers> trustedIssuers, ObjectProvider<IssuerConfigurations> issuerConfigurations) {
		ScopesProperties scopes = properties.getScopes();
		ScopeClaims shared = new ScopeClaims(scopes.getClaims(), scopes.getDelimiters());
		Map<String, ScopeClaims> byIssuer = new HashMap<>();
		if (trustedIssuers.getIfAvailable() != null) {
			// each trusted issuer's own scope claims (only Warden's pipeline tells the issuers apart)
			for (IssuerConfigurations.Issuer issuer : issuerConfigurations.getObject().all()) {
				byIssuer.put(issuer.issuer(), new ScopeClaims(issuer.scopeClaims(), issuer.scopeDelimiters()));
			}
		}
		return new WardenJwtAuthenticationConverter(shared, byIssuer);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "warden.resource-metadata.enabled", matchIfMissing = true)
	ResourceMetadata wardenResourceMetadata(WardenProperties properties, ObjectProvider<EndpointRegistry> registry,
			Environment environment, JwtDecoder jwtDecoder, ObjectProvider<TrustedIssuers> trustedIssuers) {
		return resourceMetadata(properties, registry::getIfAvailable, environment, jwtDecoder, trustedIssuers);
	}

	/** The RFC 9728 document, whatever the web stack. */
	static ResourceMetadata resourceMetadata(WardenProperties properties,
			Supplier<? extends EndpointInventory> registry, Environment environment, JwtDecoder jwtDecoder,
			ObjectProvider<TrustedIssuers> trustedIssuers) {
		DpopProperties dpop = properties.getDpop();
		// DPoP and certificate binding are only claimed where Warden's own pipeline checks them
		boolean wardens = WardenJwtAutoConfiguration.isWardens(jwtDecoder);
		List<String> algorithms = (dpop.isEnabled() && wardens)
				? WardenPropertiesValidator.algorithms(dpop.getAlgorithms()).stream().map(JWSAlgorithm::getName).sorted().toList()
				: List.of();
		TrustedIssuers trusted = trustedIssuers.getIfAvailable();
		List<String> issuers = (trusted != null) ? trusted.all().stream().map(TrustedIssuers.Issuer::issuer).toList()
				: (properties.getIssuer() != null) ? List.of(properties.getIssuer()) : List.of();
		return new ResourceMetadata(properties.getResourceMetadata().getResource(), issuers,
				() -> declaredScopes(registry.get()), algorithms, dpop.isRequired(),
				wardens && certificateBoundTokens(properties, environment));
	}

	private static Collection<String> declaredScopes(EndpointInventory registry) {
		if (registry == null) {
			return List.of();
		}
		return registry.endpoints().stream().flatMap((endpoint) -> endpoint.requirement().scopes().stream()).toList();
	}

	/**
	 * Whether a client can present a certificate at all: mutual TLS at this server, or a trusted
	 * proxy's header. Only then does the metadata claim support for certificate-bound tokens.
	 */
	static boolean certificateBoundTokens(WardenProperties properties, Environment environment) {
		String header = properties.getClientCertificate().getHeader();
		if (header != null && !header.isBlank()) {
			return true;
		}
		String clientAuth = environment.getProperty("server.ssl.client-auth", "none").trim().toLowerCase(Locale.ROOT);
		boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, true)
				&& (environment.containsProperty("server.ssl.bundle") || environment.containsProperty("server.ssl.key-store")
						|| environment.containsProperty("server.ssl.certificate"));
		return tls && (clientAuth.equals("want") || clientAuth.equals("need"));
	}

	@Bean
	@ConditionalOnMissingBean
	WardenAuthenticationEntryPoint wardenAuthenticationEntryPoint(WardenProperties properties,
			ObjectProvider<ResourceMetadata> resourceMetadata, JwtDecoder jwtDecoder,
			ObjectProvider<EndpointRegistry> endpointRegistry) {
		AuthenticationFailures failures = authenticationFailures(properties, jwtDecoder);
		EndpointRegistry registry = endpointRegistry.getIfAvailable();
		Predicate<HttpServletRequest> dpopRequired = (request) -> properties.getDpop().isRequired()
				|| (registry != null && requiresDPoP(registry, request));
		return new WardenAuthenticationEntryPoint(failures, audit(properties), resourceMetadata.getIfAvailable(),
				dpopRequired);
	}

	/** The answers to authentication failures, whatever the web stack. */
	static AuthenticationFailures authenticationFailures(WardenProperties properties, JwtDecoder jwtDecoder) {
		Duration jwks = properties.getJwks().getMinRefreshInterval();
		Duration introspection = properties.getIntrospection().getRetryAfter();
		DpopProperties dpop = properties.getDpop();
		// DPoP is offered only where Warden's own pipeline checks the proofs
		boolean dpopRead = dpop.isEnabled() && WardenJwtAutoConfiguration.isWardens(jwtDecoder);
		String algorithms = dpopRead ? String.join(" ",
				WardenPropertiesValidator.algorithms(dpop.getAlgorithms()).stream().map(JWSAlgorithm::getName).sorted().toList())
				: null;
		return new AuthenticationFailures((exception) -> retryAfter(exception, introspection, jwks), algorithms);
	}

	private static boolean requiresDPoP(EndpointRegistry registry, HttpServletRequest request) {
		EndpointRegistry.Lookup lookup = registry.lookup(request);
		return lookup.kind() == EndpointRegistry.Kind.HANDLER && lookup.requirement().dpop();
	}

	private static Duration retryAfter(Throwable exception, Duration introspection, Duration jwks) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof SharedStateUnavailableException) {
				return Duration.ofSeconds(1);
			}
		}
		return isIntrospectionFailure(exception) ? introspection : jwks;
	}

	static AuditLog audit(WardenProperties properties) {
		return properties.getAudit().isEnabled() ? new AuditLog(properties.getAudit().getLevel()) : null;
	}

	private static boolean isIntrospectionFailure(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof IntrospectionUnavailableException || cause instanceof OAuth2IntrospectionException) {
				return true;
			}
		}
		return false;
	}

	@Bean
	@ConditionalOnMissingBean
	WardenAccessDeniedHandler wardenAccessDeniedHandler(WardenProperties properties) {
		return new WardenAccessDeniedHandler(properties.getScopes().isNameRequiredScopes(), audit(properties));
	}

	@Bean
	WardenHttpSecurity wardenHttpSecurity(WardenProperties properties, JwtDecoder jwtDecoder,
			WardenJwtAuthenticationConverter wardenJwtAuthenticationConverter,
			WardenAuthenticationEntryPoint wardenAuthenticationEntryPoint,
			WardenAccessDeniedHandler wardenAccessDeniedHandler, ObjectProvider<EndpointRegistry> endpointRegistry,
			ObjectProvider<ScopeAuthorizationManager> scopeAuthorizationManager,
			ObjectProvider<IntrospectionCheckers> introspectionCheckers,
			ObjectProvider<IntrospectionOpaqueTokenIntrospector> opaqueTokenIntrospector,
			ObjectProvider<ResourceMetadata> resourceMetadata, SenderConstraints senderConstraints,
			ObjectProvider<Revocations> revocations, ObjectProvider<PushReceiverFilter> pushReceiver) {
		RequestMatcher publicPaths = publicPaths(properties.getPublicPaths());
		EndpointRegistry registry = endpointRegistry.getIfAvailable();
		RequestMatcher noTokenRead = (registry != null)
				? new OrRequestMatcher(publicPaths, (request) -> isPublicEndpoint(registry, request)) : publicPaths;
		boolean dpop = checkPipeline(properties, jwtDecoder, pushReceiver.getIfAvailable() != null);
		HeaderBearerTokenResolver resolver = new HeaderBearerTokenResolver(noTokenRead,
				(int) properties.getMaxTokenSize().toBytes(), dpop);
		ScopeAuthorizationManager scopes = scopeAuthorizationManager.getIfAvailable();
		AuthorizationManager<RequestAuthorizationContext> authorization = (scopes != null) ? scopes
				: AuthenticatedAuthorizationManager.authenticated();
		IntrospectionCheckers checkers = introspectionCheckers.getIfAvailable();
		Revocations revoked = revocations.getIfAvailable();
		// revocations first (a local lookup), then the live check, which costs a call
		JwtDecoder local = (revoked != null) ? new RevokingJwtDecoder(jwtDecoder, revoked) : jwtDecoder;
		// issuers whose tokens are checked live on every request: checked at the issuer that made them
		JwtDecoder decoder = (checkers != null && checkers.everyRequestAnywhere())
				? new IntrospectingJwtDecoder(local, (iss) -> everyRequest(checkers, iss), senderConstraints)
				: local;
		OpaqueTokenIntrospector opaque = opaqueTokenIntrospector.getIfAvailable();
		if (opaque != null && revoked != null) {
			opaque = new RevokingOpaqueTokenIntrospector(opaque, revoked);
		}
		AuthenticationManager authenticationManager = null;
		if (opaque != null) {
			JwtAuthenticationProvider jwtProvider = new JwtAuthenticationProvider(decoder);
			jwtProvider.setJwtAuthenticationConverter(wardenJwtAuthenticationConverter);
			authenticationManager = new TokenShapeAuthenticationManager(jwtProvider,
					new OpaqueTokenAuthenticationProvider(opaque));
		}
		WardenHttpSecurity.Options options = new WardenHttpSecurity.Options(resourceMetadata.getIfAvailable(),
				properties.getClientCertificate().getHeader(), pushReceiver.getIfAvailable());
		return new WardenHttpSecurity(decoder, wardenJwtAuthenticationConverter, resolver,
				wardenAuthenticationEntryPoint, wardenAccessDeniedHandler, publicPaths, authorization,
				authenticationManager, options);
	}

	/**
	 * Fails startup for settings the decoder cannot meet, whatever the web stack.
	 * @return whether the DPoP scheme is read (only where Warden's own pipeline checks the proofs)
	 */
	static boolean checkPipeline(WardenProperties properties, JwtDecoder jwtDecoder, boolean pushReceiver) {
		boolean dpop = properties.getDpop().isEnabled() && WardenJwtAutoConfiguration.isWardens(jwtDecoder);
		if (properties.getDpop().isRequired() && !dpop) {
			throw new InvalidWardenPropertyException("warden.dpop.required", true,
					"the application's own JwtDecoder does not check DPoP proofs, so no token could ever be accepted.",
					"Let Warden build the decoder (remove the JwtDecoder bean), or set warden.dpop.required=false.");
		}
		if (properties.getRevocation().getPush().isEnabled() && !pushReceiver) {
			throw new InvalidWardenPropertyException("warden.revocation.push.enabled", true,
					"the application's own JwtDecoder leaves Warden without the issuers' keys, so no pushed "
							+ "revocation could be verified.",
					"Let Warden build the decoder (remove the JwtDecoder bean), or set "
							+ "warden.revocation.push.enabled=false.");
		}
		return dpop;
	}

	static RevocationChecker everyRequest(IntrospectionCheckers checkers,
			String iss) {
		IntrospectionCheckers.Checker checker = checkers.forIssuer(iss);
		return (checker != null && checker.everyRequest()) ? checker.checker() : null;
	}

	private static boolean isPublicEndpoint(EndpointRegistry registry, HttpServletRequest request) {
		EndpointRegistry.Lookup lookup = registry.lookup(request);
		return lookup.kind() == EndpointRegistry.Kind.HANDLER
				&& lookup.requirement().rule() == EndpointRequirement.Rule.PUBLIC;
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain wardenSecurityFilterChain(HttpSecurity http, WardenHttpSecurity wardenHttpSecurity)
			throws Exception {
		return wardenHttpSecurity.build(http);
	}

	static RequestMatcher publicPaths(List<String> patterns) {
		if (patterns.isEmpty()) {
			return (request) -> false;
		}
		List<RequestMatcher> matchers = new ArrayList<>();
		PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
		for (String pattern : patterns) {
			matchers.add(builder.matcher(pattern));
		}
		return new OrRequestMatcher(matchers);
	}

}
