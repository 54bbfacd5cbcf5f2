package dev.warden.internal.webflux;

import java.util.function.BiFunction;
import java.util.function.Predicate;

import dev.warden.internal.scope.EndpointDecisions;
import dev.warden.internal.scope.EndpointRequirement;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Decides every exchange that is not on a public path, after authentication and before any handler
 * runs, with the same {@link EndpointDecisions} as the servlet stack: the handler's declared
 * requirement against the token; Actuator endpoints against the Actuator scope; a path without a
 * handler needs a token and passes to WebFlux for its 404 or 405. The live check, when due, is
 * awaited without blocking. No token is answered by the entry point, a refusal by the
 * access-denied handler, and every authentication failure of the decision (DPoP required, token no
 * longer active, sign-in too weak) by the entry point: never a 500.
 */
public final class EndpointAuthorizationWebFilter implements WebFilter {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final Predicate<ServerWebExchange> publicPaths;

	private final Predicate<ServerWebExchange> actuatorPaths;

	private final EndpointRequirement actuatorRequirement;

	private final ReactiveEndpointRegistry registry;

	private final EndpointDecisions decisions;

	private final BiFunction<AbstractOAuth2TokenAuthenticationToken<?>, ServerWebExchange, Mono<Void>> liveCheck;

	private final WardenServerAuthenticationEntryPoint entryPoint;

	private final WardenServerAccessDeniedHandler accessDeniedHandler;

	/**
	 * Creates the filter.
	 * @param publicPaths exchanges on {@code warden.public-paths}
	 * @param actuatorPaths exchanges to Actuator endpoints
	 * @param actuatorRequirement what Actuator endpoints require
	 * @param registry the application's endpoints, or {@code null} to require a token everywhere
	 * @param decisions the decisions
	 * @param liveCheck the live check of a token, completing empty when it passes
	 * @param entryPoint answers authentication failures
	 * @param accessDeniedHandler answers refusals
	 */
	public EndpointAuthorizationWebFilter(Predicate<ServerWebExchange> publicPaths,
			Predicate<ServerWebExchange> actuatorPaths, EndpointRequirement actuatorRequirement,
			ReactiveEndpointRegistry registry, EndpointDecisions decisions,
			BiFunction<AbstractOAuth2TokenAuthenticationToken<?>, ServerWebExchange, Mono<Void>> liveCheck,
			WardenServerAuthenticationEntryPoint entryPoint, WardenServerAccessDeniedHandler accessDeniedHandler) {
		this.publicPaths = publicPaths;
		this.actuatorPaths = actuatorPaths;
		this.actuatorRequirement = actuatorRequirement;
		this.registry = registry;
		this.decisions = decisions;
		this.liveCheck = liveCheck;
		this.entryPoint = entryPoint;
		this.accessDeniedHandler = accessDeniedHandler;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.publicPaths.test(exchange) || ResourceMetadataWebFilter.isWellKnown(exchange)) {
			return chain.filter(exchange);
		}
		Mono<Authentication> caller = ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication);
		if (this.actuatorPaths.test(exchange)) {
			return caller.map(Caller::new)
				.defaultIfEmpty(Caller.NONE)
				.flatMap((found) -> decide(exchange, chain, this.actuatorRequirement, found.authentication(),
						"actuator"));
		}
		if (this.registry == null) {
			return caller.map(Caller::new)
				.defaultIfEmpty(Caller.NONE)
				.flatMap((found) -> decide(exchange, chain, EndpointRequirement.FRAMEWORK, found.authentication(),
						"unmatched"));
		}
		return this.registry.lookup(exchange).flatMap((lookup) -> {
			if (lookup.kind() == ReactiveEndpointRegistry.Kind.CORS_PREFLIGHT) {
				return chain.filter(exchange);
			}
			EndpointRequirement requirement = (lookup.kind() == ReactiveEndpointRegistry.Kind.HANDLER)
					? lookup.requirement() : EndpointRequirement.FRAMEWORK;
			String route = (lookup.route() != null) ? lookup.route() : "unmatched";
			return caller.map(Caller::new)
				.defaultIfEmpty(Caller.NONE)
				.flatMap((found) -> decide(exchange, chain, requirement, found.authentication(), route));
		});
	}

	private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain, EndpointRequirement requirement,
			Authentication authentication, String route) {
		Mono<AuthorizationResult> decision = Mono.defer(() -> {
			EndpointDecisions.Step step = this.decisions.start(requirement, authentication, route);
			if (step.done()) {
				return Mono.just(step.result());
			}
			Mono<Void> live = step.liveCheck()
					? this.liveCheck.apply((AbstractOAuth2TokenAuthenticationToken<?>) authentication, exchange)
					: Mono.empty();
			return live.then(Mono.fromCallable(() -> this.decisions.finish(step, requirement, authentication, route)));
		});
		// failures of the decision only: the handler's own errors are the application's
		return decision
			.onErrorResume(AuthenticationException.class,
					(ex) -> this.entryPoint.commence(exchange, ex).then(Mono.empty()))
			.flatMap((result) -> answer(exchange, chain, result, authentication));
	}

	private Mono<Void> answer(ServerWebExchange exchange, WebFilterChain chain, AuthorizationResult result,
			Authentication authentication) {
		if (result.isGranted()) {
			return chain.filter(exchange);
		}
		if (authentication == null || !this.trustResolver.isAuthenticated(authentication)) {
			return this.entryPoint.commence(exchange,
					new AuthenticationCredentialsNotFoundException("Full authentication is required"));
		}
		return this.accessDeniedHandler.deny(exchange, new AuthorizationDeniedException("Access Denied", result),
				authentication);
	}

	/** The authenticated caller, if any (a Reactor value cannot be {@code null}). */
	private record Caller(Authentication authentication) {

		static final Caller NONE = new Caller(null);

	}

}
