package dev.warden.internal.scope;

import java.util.function.Function;
import java.util.function.Supplier;

import dev.warden.scope.AuthorizationListener;
import dev.warden.scope.DefaultPolicy;
import dev.warden.scope.RequireIssuer;
import dev.warden.scope.LiveTokenCheck;
import dev.warden.scope.RequireLiveCheck;
import dev.warden.scope.RequireStepUp;
import jakarta.servlet.http.HttpServletRequest;

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

	/** The decision outcome of a token whose sign-in is too weak or too old. */
	public static final String STEP_UP_REQUIRED = "step_up_required";

	/** The decision outcome of a valid token of an issuer the endpoint does not accept. */
	public static final String ISSUER_NOT_ACCEPTED = "issuer_not_accepted";

	private final EndpointRegistry registry;

	private final RequestMatcher actuatorRequests;

	private final EndpointRequirement actuatorRequirement;

	private final LiveTokenCheck liveTokenCheck;

	private final EndpointDecisions decisions;

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
		this.registry = registry;
		this.actuatorRequests = actuatorRequests;
		this.actuatorRequirement = actuatorRequirement;
		this.liveTokenCheck = liveTokenCheck;
		this.decisions = new EndpointDecisions(defaultPolicy, liveTokenCheck, listener, stepUp, issuerOf);
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
		EndpointDecisions.Step step = this.decisions.start(requirement, authentication, route);
		if (step.done()) {
			return step.result();
		}
		if (step.liveCheck()) {
			// throws 401 (not active) or 503 (cannot check), never a 403
			this.liveTokenCheck.verify((AbstractOAuth2TokenAuthenticationToken<?>) authentication);
		}
		// after scopes (a stronger sign-in would not help a token without them) and after the live check
		return this.decisions.finish(step, requirement, authentication, route);
	}

}
