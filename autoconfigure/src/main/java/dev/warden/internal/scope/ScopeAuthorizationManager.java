package dev.warden.internal.scope;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.warden.internal.Scopes;
import dev.warden.scope.AuthorizationListener;
import dev.warden.scope.DefaultPolicy;
import dev.warden.scope.RequireIssuer;
import dev.warden.scope.LiveTokenCheck;
import dev.warden.scope.RequireLiveCheck;
import dev.warden.scope.RequireStepUp;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Decides every request that is not on a public path, in the filter chain, before any controller
 * or {@code @ControllerAdvice} runs: the handler's declared requirement (precomputed at startup)
 * against the token's scopes. No token or a bad one is answered 401 before any of this; a path
 * without a handler passes to MVC for its 404 or 405; an undeclared endpoint follows the default
 * policy.
 */
public final class ScopeAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private static final AuthorizationDecision UNAUTHENTICATED = new AuthorizationDecision(false);

	/** The decision outcome of a token whose sign-in is too weak or too old. */
	public static final String STEP_UP_REQUIRED = "step_up_required";

	/** The decision outcome of a valid token of an issuer the endpoint does not accept. */
	public static final String ISSUER_NOT_ACCEPTED = "issuer_not_accepted";

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final EndpointRegistry registry;

	private final RequestMatcher actuatorRequests;

	private final EndpointRequirement actuatorRequirement;

	private final DefaultPolicy defaultPolicy;

	private final LiveTokenCheck liveTokenCheck;

	private final AuthorizationListener listener;

	private final StepUpPolicy stepUp;

	private final Function<AbstractOAuth2TokenAuthenticationToken<?>, String> issuerOf;

	/**
	 * Creates the manager.
	 * @param registry the application's endpoints
	 * @param actuatorRequests requests to Actuator endpoints
	 * @param actuatorRequirement what Actuator endpoints require
	 * @param defaultPolicy what undeclared endpoints get
	 * @param liveTokenCheck the live check for {@link RequireLiveCheck} endpoints, or {@code null}
	 * @param listener told about each decision on an authenticated request
	 * @param stepUp decides {@link RequireStepUp} endpoints
	 */
	public ScopeAuthorizationManager(EndpointRegistry registry, RequestMatcher actuatorRequests,
			EndpointRequirement actuatorRequirement, DefaultPolicy defaultPolicy, LiveTokenCheck liveTokenCheck,
			AuthorizationListener listener, StepUpPolicy stepUp) {
		this(registry, actuatorRequests, actuatorRequirement, defaultPolicy, liveTokenCheck, listener, stepUp,
				(token) -> null);
	}

	/**
	 * Creates the manager.
	 * @param registry the application's endpoints
	 * @param actuatorRequests requests to Actuator endpoints
	 * @param actuatorRequirement what Actuator endpoints require
	 * @param defaultPolicy what undeclared endpoints get
	 * @param liveTokenCheck the live check for {@link RequireLiveCheck} endpoints, or {@code null}
	 * @param listener told about each decision on an authenticated request
	 * @param stepUp decides {@link RequireStepUp} endpoints
	 * @param issuerOf the configured name of the issuer of an authenticated token, for
	 * {@link RequireIssuer} endpoints
	 */
	public ScopeAuthorizationManager(EndpointRegistry registry, RequestMatcher actuatorRequests,
			EndpointRequirement actuatorRequirement, DefaultPolicy defaultPolicy, LiveTokenCheck liveTokenCheck,
			AuthorizationListener listener, StepUpPolicy stepUp,
			Function<AbstractOAuth2TokenAuthenticationToken<?>, String> issuerOf) {
		this.issuerOf = issuerOf;
		this.stepUp = stepUp;
		this.listener = listener;
		this.registry = registry;
		this.actuatorRequests = actuatorRequests;
		this.actuatorRequirement = actuatorRequirement;
		this.defaultPolicy = defaultPolicy;
		this.liveTokenCheck = liveTokenCheck;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		HttpServletRequest request = context.getRequest();
		if (this.actuatorRequests.matches(request)) {
			return decide(this.actuatorRequirement, authentication.get(), "actuator");
		}
		EndpointRegistry.Lookup lookup = this.registry.lookup(request);
		return switch (lookup.kind()) {
			case CORS_PREFLIGHT -> GRANTED;
			case NONE -> decide(EndpointRequirement.FRAMEWORK, authentication.get(), "unmatched");
			case HANDLER -> decide(lookup.requirement(), authentication.get(),
					(lookup.route() != null) ? lookup.route() : "unmatched");
		};
	}

	private AuthorizationResult decide(EndpointRequirement requirement, Authentication authentication, String route) {
		if (requirement.rule() == EndpointRequirement.Rule.PUBLIC) {
			return GRANTED;
		}
		if (authentication == null || !authentication.isAuthenticated()
				|| this.trustResolver.isAnonymous(authentication)) {
			return UNAUTHENTICATED;
		}
		if (!requirement.issuers().isEmpty() && !acceptsIssuer(requirement, authentication)) {
			// before scopes: a partner token's scopes mean nothing on an internal endpoint
			this.listener.decided(ISSUER_NOT_ACCEPTED, route);
			return ScopeDecision.issuerNotAccepted(route);
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
		if (result.isGranted() && requirement.liveCheck() && this.liveTokenCheck != null
				&& authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token
				&& !this.liveTokenCheck.canCheck(token)) {
			// e.g. a token of an issuer without an introspection client: no retry would help
			this.listener.decided(ISSUER_NOT_ACCEPTED, route);
			return ScopeDecision.noLiveCheck(route);
		}
		if (result.isGranted() && requirement.liveCheck() && this.liveTokenCheck != null
				&& authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
			// throws 401 (not active) or 503 (cannot check), never a 403
			this.liveTokenCheck.verify(token);
		}
		if (result.isGranted() && requirement.stepUp() != null) {
			Map<String, Object> claims = (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token)
					? token.getTokenAttributes() : Map.of();
			try {
				// after scopes (a stronger sign-in would not help a token without them) and after the live check
				this.stepUp.check(requirement.stepUp(), claims);
			}
			catch (InsufficientUserAuthenticationException ex) {
				this.listener.decided(STEP_UP_REQUIRED, route);
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
				&& token.getTokenAttributes().get("cnf") instanceof java.util.Map<?, ?> cnf && cnf.get("jkt") instanceof String;
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
