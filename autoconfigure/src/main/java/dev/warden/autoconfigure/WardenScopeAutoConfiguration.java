package dev.warden.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.scope.EndpointRegistry;
import dev.warden.internal.scope.EndpointRequirement;
import dev.warden.internal.scope.ScopeAuthorizationManager;
import dev.warden.internal.scope.StepUpPolicy;
import dev.warden.scope.AuthorizationListener;
import dev.warden.scope.LiveTokenCheck;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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

	private static final Log LOGGER = LogFactory.getLog(WardenScopeAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	EndpointRegistry wardenEndpointRegistry(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlerMapping,
			WardenProperties properties) {
		List<PathPattern> publicPaths = properties.getPublicPaths()
			.stream()
			.map(PathPatternParser.defaultInstance::parse)
			.toList();
		return new EndpointRegistry(handlerMapping::getObject, (pattern) -> publicPaths.stream()
			.anyMatch((publicPath) -> publicPath.matches(PathContainer.parsePath(pattern))));
	}

	@Bean
	SmartInitializingSingleton wardenEndpointInventory(EndpointRegistry registry, WardenProperties properties,
			ObjectProvider<LiveTokenCheck> liveTokenCheck, ObjectProvider<JwtDecoder> jwtDecoder,
			ObjectProvider<TrustedIssuers> trustedIssuers, ObjectProvider<IntrospectionCheckers> introspectionCheckers) {
		return () -> {
			registry.logInventory(properties.getScopes().getDefaultPolicy());
			checkIssuers(registry, trustedIssuers.getIfAvailable());
			if (liveTokenCheck.getIfAvailable() instanceof WardenIntrospectionAutoConfiguration.IntrospectionLiveTokenCheck) {
				checkLiveCheckIssuers(registry, trustedIssuers.getIfAvailable(), introspectionCheckers.getIfAvailable());
			}
			if (liveTokenCheck.getIfAvailable() == null) {
				List<String> needing = registry.endpoints()
					.stream()
					.filter((endpoint) -> endpoint.requirement().liveCheck())
					.map((endpoint) -> endpoint.route() + " (" + endpoint.handler() + ")")
					.toList();
				if (!needing.isEmpty()) {
					throw new InvalidWardenPropertyException("warden.introspection.client-id", "",
							"these endpoints require a live token check, but no introspection client is configured: "
									+ String.join("; ", needing) + ".",
							"Set warden.introspection.client-id and warden.introspection.client-secret, or remove "
									+ "@RequireLiveCheck from these endpoints.");
				}
			}
			List<String> levels = properties.getStepUp().getAcrLevels().stream().map(String::trim).toList();
			if (!levels.isEmpty()) {
				List<String> unknown = registry.endpoints()
					.stream()
					.filter((endpoint) -> endpoint.requirement().stepUp() != null
							&& endpoint.requirement().stepUp().acr() != null
							&& !levels.contains(endpoint.requirement().stepUp().acr()))
					.map((endpoint) -> endpoint.requirement().stepUp().acr() + " at " + endpoint.route() + " ("
							+ endpoint.handler() + ")")
					.toList();
				if (!unknown.isEmpty()) {
					throw new InvalidWardenPropertyException("warden.step-up.acr-levels", levels,
							"these endpoints require acr levels that are not in the list: " + String.join("; ", unknown)
									+ ".",
							"Add the levels to warden.step-up.acr-levels in their rank, or correct @RequireStepUp on "
									+ "these endpoints.");
				}
			}
			boolean dpopChecked = properties.getDpop().isEnabled() && jwtDecoder.getIfAvailable() != null
					&& WardenJwtAutoConfiguration.isWardens(jwtDecoder.getIfAvailable());
			if (!dpopChecked) {
				List<String> needing = registry.endpoints()
					.stream()
					.filter((endpoint) -> endpoint.requirement().dpop())
					.map((endpoint) -> endpoint.route() + " (" + endpoint.handler() + ")")
					.toList();
				if (!needing.isEmpty() && !properties.getDpop().isEnabled()) {
					throw new InvalidWardenPropertyException("warden.dpop.enabled", false,
							"these endpoints accept only DPoP-bound tokens, but DPoP is switched off: "
									+ String.join("; ", needing) + ".",
							"Set warden.dpop.enabled=true, or remove @RequireDPoP from these endpoints.");
				}
				if (!needing.isEmpty()) {
					throw new IllegalStateException("These endpoints accept only DPoP-bound tokens, but the "
							+ "application's own JwtDecoder does not check DPoP proofs: " + String.join("; ", needing)
							+ ". Let Warden build the decoder (remove the JwtDecoder bean), or remove @RequireDPoP.");
				}
			}
			if (properties.getScopes().isStrict() && !registry.undeclared().isEmpty()) {
				StringBuilder list = new StringBuilder();
				for (EndpointRegistry.Endpoint endpoint : registry.undeclared()) {
					list.append((list.length() > 0) ? "; " : "")
						.append(endpoint.route())
						.append(" (")
						.append(endpoint.handler())
						.append(')');
				}
				throw new InvalidWardenPropertyException("warden.scopes.strict", true,
						"these endpoints declare no access rule: " + list + ".",
						"Annotate each of them with @RequireScope, @RequireAnyScope, @Authenticated or @PublicEndpoint, "
								+ "or set warden.scopes.strict=false to only warn.");
			}
		};
	}

	/** Every {@code @RequireIssuer} name is a configured issuer. */
	private static void checkIssuers(EndpointRegistry registry, TrustedIssuers trusted) {
		List<EndpointRegistry.Endpoint> restricted = registry.endpoints()
			.stream()
			.filter((endpoint) -> !endpoint.requirement().issuers().isEmpty())
			.toList();
		if (restricted.isEmpty()) {
			return;
		}
		if (trusted == null) {
			throw new IllegalStateException("These endpoints accept tokens of named issuers only, but the "
					+ "application's own JwtDecoder does not tell Warden which issuer a token comes from: "
					+ describe(restricted) + ". Let Warden build the decoder (remove the JwtDecoder bean), or remove "
					+ "@RequireIssuer.");
		}
		List<String> unknown = restricted.stream()
			.flatMap((endpoint) -> endpoint.requirement()
				.issuers()
				.stream()
				.filter((name) -> trusted.named(name) == null)
				.map((name) -> name + " at " + endpoint.route() + " (" + endpoint.handler() + ")"))
			.toList();
		if (!unknown.isEmpty()) {
			List<String> names = trusted.all().stream().map(TrustedIssuers.Issuer::name).toList();
			throw new InvalidWardenPropertyException("warden.issuers", names,
					"these endpoints name issuers that are not configured: " + String.join("; ", unknown) + ".",
					"Configure them under warden.issuers.<name> (default is warden.issuer), or correct @RequireIssuer "
							+ "on these endpoints.");
		}
	}

	/**
	 * Warns about {@code @RequireLiveCheck} endpoints that accept tokens of issuers without an
	 * introspection client: such tokens are refused there with 403 (they cannot be checked live).
	 * Not a startup failure: adding an issuer must not stop a service whose live-check endpoints
	 * are meant for another one.
	 */
	private static void checkLiveCheckIssuers(EndpointRegistry registry, TrustedIssuers trusted,
			IntrospectionCheckers checkers) {
		if (trusted == null || checkers == null) {
			return;
		}
		List<String> problems = new ArrayList<>();
		for (EndpointRegistry.Endpoint endpoint : registry.endpoints()) {
			if (!endpoint.requirement().liveCheck()) {
				continue;
			}
			List<String> accepted = endpoint.requirement().issuers().isEmpty()
					? trusted.all().stream().map(TrustedIssuers.Issuer::name).toList()
					: List.copyOf(endpoint.requirement().issuers());
			List<String> unchecked = accepted.stream()
				.filter((name) -> trusted.named(name) != null
						&& checkers.forIssuer(trusted.named(name).issuer()) == null)
				.toList();
			if (!unchecked.isEmpty()) {
				problems.add(endpoint.route() + " (" + endpoint.handler() + ") accepts " + String.join(", ", unchecked));
			}
		}
		if (!problems.isEmpty()) {
			LOGGER.warn("These endpoints require a live token check, but accept tokens of issuers without an "
					+ "introspection client, whose tokens they refuse with 403: " + String.join("; ", problems)
					+ ". Set warden.issuers.<name>.introspection.client-id and client-secret for those issuers, or "
					+ "restrict the endpoints with @RequireIssuer.");
		}
	}

	private static String describe(List<EndpointRegistry.Endpoint> endpoints) {
		return String.join("; ", endpoints.stream().map((endpoint) -> endpoint.route() + " (" + endpoint.handler() + ")").toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ScopeAuthorizationManager wardenScopeAuthorizationManager(EndpointRegistry registry, WardenProperties properties,
			Environment environment, ObjectProvider<LiveTokenCheck> liveTokenCheck,
			ObjectProvider<AuthorizationListener> listeners, ObjectProvider<TrustedIssuers> trustedIssuers,
			ObjectProvider<IssuerConfigurations> issuerConfigurations) {
		String scope = properties.getScopes().getActuatorScope();
		EndpointRequirement actuator = (scope == null || scope.isBlank()) ? EndpointRequirement.AUTHENTICATED
				: EndpointRequirement.allOf(Set.of(scope.trim()));
		// Warden's own check skips tokens whose issuer is already checked on every request
		LiveTokenCheck perEndpoint = liveTokenCheck.getIfAvailable();
		StepUpPolicy stepUp = new StepUpPolicy(
				properties.getStepUp().getAcrLevels().stream().map(String::trim).toList(), properties.getClockSkew(),
				Clock.systemUTC());
		return new ScopeAuthorizationManager(registry, actuatorRequests(environment), actuator,
				properties.getScopes().getDefaultPolicy(), perEndpoint, CompositeListeners.authorization(listeners),
				stepUp, issuerOf(trustedIssuers.getIfAvailable(), issuerConfigurations));
	}

	/**
	 * The configured name of a token's issuer: by its {@code iss}, else (an opaque token whose
	 * answer names none) the issuer that introspects opaque tokens.
	 */
	private static Function<AbstractOAuth2TokenAuthenticationToken<?>, String> issuerOf(TrustedIssuers trusted,
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
		String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		if (basePath.isBlank() || basePath.equals("/")) {
			return (request) -> false;
		}
		String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
		return PathPatternRequestMatcher.withDefaults().matcher(base + "/**");
	}

}
