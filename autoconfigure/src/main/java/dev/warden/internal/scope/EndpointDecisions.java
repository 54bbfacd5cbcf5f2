package dev.warden.internal.scope;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.warden.internal.Scopes;
import dev.warden.scope.AuthorizationListener;
import dev.warden.scope.DefaultPolicy;
import dev.warden.scope.LiveTokenCheck;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * The decision on an endpoint's requirement, free of any web stack, in two steps around the live
 * check, so that a non-blocking caller can make that check asynchronously: {@link #start} decides
 * everything that needs no call (public, authenticated, issuer, scopes, DPoP binding, whether a
 * live check is possible); then, after the live check if one is due, {@link #finish} decides the
 * sign-in (step-up) and records the decision. The decisions and their order are
 * {@link ScopeAuthorizationManager}'s, which makes them in one step for Spring MVC.
 */
public final class EndpointDecisions {

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private static final AuthorizationDecision UNAUTHENTICATED = new AuthorizationDecision(false);

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final DefaultPolicy defaultPolicy;

	private final LiveTokenCheck liveTokenCheck;

	private final AuthorizationListener listener;

	private final StepUpPolicy stepUp;

	private final Function<AbstractOAuth2TokenAuthenticationToken<?>, String> issuerOf;

	/**
	 * Creates the decisions.
	 * @param defaultPolicy what undeclared endpoints get
	 * @param liveTokenCheck whether a token can be checked live ({@link LiveTokenCheck#canCheck}),
	 * or {@code null} when no live check exists
	 * @param listener told about each decision on an authenticated request
	 * @param stepUp decides step-up endpoints
	 * @param issuerOf the configured name of the issuer of an authenticated token
	 */
	public EndpointDecisions(DefaultPolicy defaultPolicy, LiveTokenCheck liveTokenCheck, AuthorizationListener listener,
			StepUpPolicy stepUp, Function<AbstractOAuth2TokenAuthenticationToken<?>, String> issuerOf) {
		this.defaultPolicy = defaultPolicy;
		this.liveTokenCheck = liveTokenCheck;
		this.listener = listener;
		this.stepUp = stepUp;
		this.issuerOf = issuerOf;
	}

	/**
	 * The first step of a decision.
	 *
	 * @param result the result so far
	 * @param done whether it is final (answer with it); otherwise {@link #finish} completes it
	 * @param liveCheck whether the token must be checked live before {@link #finish}
	 */
	public record Step(AuthorizationResult result, boolean done, boolean liveCheck) {
	}

	/**
	 * Decides everything that needs no call.
	 * @param requirement what the endpoint requires
	 * @param authentication the caller, or {@code null}
	 * @param route the route, for the listener
	 * @return the step
	 * @throws DPoPRequiredException when the endpoint accepts only DPoP-bound tokens and this one
	 * is not
	 */
	public Step start(EndpointRequirement requirement, Authentication authentication, String route) {
		if (requirement.rule() == EndpointRequirement.Rule.PUBLIC) {
			return new Step(GRANTED, true, false);
		}
		if (authentication == null || !authentication.isAuthenticated()
				|| this.trustResolver.isAnonymous(authentication)) {
			return new Step(UNAUTHENTICATED, true, false);
		}
		if (!requirement.issuers().isEmpty() && !acceptsIssuer(requirement, authentication)) {
			// before scopes: a partner token's scopes mean nothing on an internal endpoint
			this.listener.decided(ScopeAuthorizationManager.ISSUER_NOT_ACCEPTED, route);
			return new Step(ScopeDecision.issuerNotAccepted(route), true, false);
		}
		AuthorizationResult result = switch (requirement.rule()) {
			case ALL_OF -> scopes(authentication).containsAll(requirement.scopes()) ? GRANTED
					: new ScopeDecision(EndpointRequirement.Rule.ALL_OF, requirement.scopes(), route);
			case ANY_OF -> containsAny(scopes(authentication), requirement.scopes()) ? GRANTED
					: new ScopeDecision(EndpointRequirement.Rule.ANY_OF, requirement.scopes(), route);
			case UNDECLARED -> (this.defaultPolicy == DefaultPolicy.AUTHENTICATED) ? GRANTED
					: new ScopeDecision(EndpointRequirement.Rule.UNDECLARED, Set.of(), route);
			default -> GRANTED;
		};
		if (result.isGranted() && requirement.dpop() && !isDPoPBound(authentication)) {
			// a 401 with a DPoP challenge: the client needs another kind of token, not another scope
			throw new DPoPRequiredException();
		}
		boolean liveCheck = result.isGranted() && requirement.liveCheck() && this.liveTokenCheck != null
				&& authentication instanceof AbstractOAuth2TokenAuthenticationToken<?>;
		if (liveCheck && !this.liveTokenCheck.canCheck((AbstractOAuth2TokenAuthenticationToken<?>) authentication)) {
			// e.g. a token of an issuer without an introspection client: no retry would help
			this.listener.decided(ScopeAuthorizationManager.ISSUER_NOT_ACCEPTED, route);
			return new Step(ScopeDecision.noLiveCheck(route), true, false);
		}
		return new Step(result, false, liveCheck);
	}

	/**
	 * Completes a decision once the live check, if one was due, has passed: the sign-in, then the
	 * decision is recorded.
	 * @param step the first step
	 * @param requirement what the endpoint requires
	 * @param authentication the caller
	 * @param route the route, for the listener
	 * @return the result
	 * @throws InsufficientUserAuthenticationException when the sign-in is too weak or too old
	 */
	public AuthorizationResult finish(Step step, EndpointRequirement requirement, Authentication authentication,
			String route) {
		AuthorizationResult result = step.result();
		if (result.isGranted() && requirement.stepUp() != null) {
			Map<String, Object> claims = (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token)
					? token.getTokenAttributes() : Map.of();
			try {
				this.stepUp.check(requirement.stepUp(), claims);
			}
			catch (InsufficientUserAuthenticationException ex) {
				this.listener.decided(ScopeAuthorizationManager.STEP_UP_REQUIRED, route);
				throw ex;
			}
		}
		this.listener.decided(result.isGranted() ? "granted"
				: (((ScopeDecision) result).rule() == EndpointRequirement.Rule.UNDECLARED) ? "undeclared"
						: "insufficient_scope", route);
		return result;
	}

	private boolean acceptsIssuer(EndpointRequirement requirement, Authentication authentication) {
		String issuer = (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token)
				? this.issuerOf.apply(token) : null;
		return issuer != null && requirement.issuers().contains(issuer);
	}

	/**
	 * Whether the token is DPoP-bound: the pipeline accepts such a token only with the DPoP scheme
	 * and a valid proof, so its {@code cnf.jkt} shows how it was presented.
	 */
	private static boolean isDPoPBound(Authentication authentication) {
		return authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token
				&& token.getTokenAttributes().get("cnf") instanceof Map<?, ?> cnf && cnf.get("jkt") instanceof String;
	}

	private static Set<String> scopes(Authentication authentication) {
		return Scopes.granted(authentication.getAuthorities());
	}

	private static boolean containsAny(Set<String> granted, Set<String> required) {
		for (String scope : required) {
			if (granted.contains(scope)) {
				return true;
			}
		}
		return false;
	}

}
