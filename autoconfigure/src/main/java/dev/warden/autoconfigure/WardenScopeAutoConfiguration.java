package dev.warden.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.scope.EndpointRegistry;
import dev.warden.internal.scope.EndpointRequirement;
import dev.warden.internal.scope.ScopeAuthorizationManager;
import dev.warden.internal.scope.StepUpPolicy;
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
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Auto-configuration of per-endpoint scope enforcement for Spring MVC applications: the endpoint
 * registry (built once at startup, logged, and checked in strict mode) and the authorization
 * manager that Warden's filter chain applies to every non-public request.
 */
@AutoConfiguration(after = WardenJwtAutoConfiguration.class, before = WardenWebSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ RequestMappingHandlerMapping.class, ScopeAuthorizationManager.class })
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
public final class WardenScopeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EndpointRegistry wardenEndpointRegistry(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlerMapping,
			WardenProperties properties) {
		return new EndpointRegistry(handlerMapping::getObject, publicPattern(properties));
	}

	@Bean
	SmartInitializingSingleton wardenEndpointInventory(EndpointRegistry registry, WardenProperties properties,
			ObjectProvider<LiveTokenCheck> liveTokenCheck, ObjectProvider<JwtDecoder> jwtDecoder,
			ObjectProvider<TrustedIssuers> trustedIssuers, ObjectProvider<IntrospectionCheckers> introspectionCheckers) {
		return () -> EndpointInventoryChecks.check(registry, properties, liveTokenCheck.getIfAvailable(),
				jwtDecoder.getIfAvailable() != null && WardenJwtAutoConfiguration.isWardens(jwtDecoder.getIfAvailable()),
				trustedIssuers.getIfAvailable(), introspectionCheckers.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	ScopeAuthorizationManager wardenScopeAuthorizationManager(EndpointRegistry registry, WardenProperties properties,
			Environment environment, ObjectProvider<LiveTokenCheck> liveTokenCheck,
			ObjectProvider<AuthorizationListener> listeners, ObjectProvider<TrustedIssuers> trustedIssuers,
			ObjectProvider<IssuerConfigurations> issuerConfigurations) {
		// Warden's own check skips tokens whose issuer is already checked on every request
		LiveTokenCheck perEndpoint = liveTokenCheck.getIfAvailable();
		return new ScopeAuthorizationManager(registry, actuatorRequests(environment), actuatorRequirement(properties),
				properties.getScopes().getDefaultPolicy(), perEndpoint, CompositeListeners.authorization(listeners),
				stepUpPolicy(properties), issuerOf(trustedIssuers.getIfAvailable(), issuerConfigurations));
	}

	/** What Actuator endpoints require, whatever the web stack. */
	static EndpointRequirement actuatorRequirement(WardenProperties properties) {
		String scope = properties.getScopes().getActuatorScope();
		return (scope == null || scope.isBlank()) ? EndpointRequirement.AUTHENTICATED
				: EndpointRequirement.allOf(Set.of(scope.trim()));
	}

	/** The step-up policy, whatever the web stack. */
	static StepUpPolicy stepUpPolicy(WardenProperties properties) {
		return new StepUpPolicy(properties.getStepUp().getAcrLevels().stream().map(String::trim).toList(),
				properties.getClockSkew(), Clock.systemUTC());
	}

	/** Whether a path pattern lies under {@code warden.public-paths}, whatever the web stack. */
	static Predicate<String> publicPattern(WardenProperties properties) {
		List<PathPattern> publicPaths = properties.getPublicPaths()
			.stream()
			.map(PathPatternParser.defaultInstance::parse)
			.toList();
		return (pattern) -> publicPaths.stream()
			.anyMatch((publicPath) -> publicPath.matches(PathContainer.parsePath(pattern)));
	}

	/** The base path of Actuator's endpoints, or {@code null} when they have none of their own. */
	static String actuatorBasePath(Environment environment) {
		String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		if (basePath.isBlank() || basePath.equals("/")) {
			return null;
		}
		return basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
	}

	/**
	 * The configured name of a token's issuer: by its {@code iss}, else (an opaque token whose
	 * answer names none) the issuer that introspects opaque tokens.
	 */
	static Function<AbstractOAuth2TokenAuthenticationToken<?>, String> issuerOf(TrustedIssuers trusted,
			ObjectProvider<IssuerConfigurations> issuerConfigurations) {
		if (trusted == null) {
			return (token) -> null;
		}
		return (token) -> {
			Object iss = token.getTokenAttributes().get("iss");
			if (iss != null) {
				return trusted.nameOf(iss.toString());
			}
			if (token instanceof JwtAuthenticationToken) {
				return null;
			}
			IssuerConfigurations.Issuer opaque = issuerConfigurations.getObject().opaqueTokens();
			return (opaque != null) ? opaque.name() : null;
		};
	}

	private static RequestMatcher actuatorRequests(Environment environment) {
		String base = actuatorBasePath(environment);
		if (base == null) {
			return (request) -> false;
		}
		return PathPatternRequestMatcher.withDefaults().matcher(base + "/**");
	}

}
