package dev.warden.internal.scope;

import java.util.Set;

import org.springframework.security.authorization.AuthorizationDecision;

/**
 * A refusal by scope: which rule applied and which scopes the endpoint requires, so the 403 can
 * name them (RFC 6750 {@code scope} attribute) and clients can ask for just what they lack.
 */
public final class ScopeDecision extends AuthorizationDecision {

	private final EndpointRequirement.Rule rule;

	private final Set<String> requiredScopes;

	private final String route;

	private final boolean issuerNotAccepted;

	private final String issuerDescription;

	ScopeDecision(EndpointRequirement.Rule rule, Set<String> requiredScopes, String route) {
		this(rule, requiredScopes, route, null);
	}

	private ScopeDecision(EndpointRequirement.Rule rule, Set<String> requiredScopes, String route,
			String issuerDescription) {
		super(false);
		this.rule = rule;
		this.requiredScopes = requiredScopes;
		this.route = route;
		this.issuerNotAccepted = issuerDescription != null;
		this.issuerDescription = issuerDescription;
	}

	/**
	 * A refusal of a valid token whose issuer the endpoint does not accept.
	 * @param route the route pattern
	 * @return the decision
	 */
	static ScopeDecision issuerNotAccepted(String route) {
		return new ScopeDecision(null, Set.of(), route, "This endpoint does not accept tokens from this issuer.");
	}

	/**
	 * A refusal of a valid token that a live-check endpoint cannot check: its issuer offers this
	 * service no introspection.
	 * @param route the route pattern
	 * @return the decision
	 */
	static ScopeDecision noLiveCheck(String route) {
		return new ScopeDecision(null, Set.of(), route,
				"This endpoint checks tokens live, and tokens from this issuer cannot be checked here.");
	}

	/**
	 * Whether the endpoint refused the token's issuer, not its scopes.
	 * @return whether the issuer was refused
	 */
	public boolean issuerNotAccepted() {
		return this.issuerNotAccepted;
	}

	/**
	 * The rule that refused: {@code ALL_OF}, {@code ANY_OF} or {@code UNDECLARED}; {@code null}
	 * when the issuer was refused.
	 * @return the rule
	 */
	public EndpointRequirement.Rule rule() {
		return this.rule;
	}

	/**
	 * The scopes the endpoint requires, in declaration order; empty for an undeclared endpoint.
	 * @return the scopes
	 */
	public Set<String> requiredScopes() {
		return this.requiredScopes;
	}

	/**
	 * The route pattern of the endpoint, e.g. {@code /api/orders/{id}}, or {@code null}.
	 * @return the route
	 */
	public String route() {
		return this.route;
	}

	/**
	 * A sentence for the client.
	 * @return the description
	 */
	public String description() {
		if (this.issuerNotAccepted) {
			return this.issuerDescription;
		}
		return switch (this.rule) {
			case ANY_OF -> "The access token lacks a scope this endpoint requires (one of: "
					+ String.join(" ", this.requiredScopes) + ").";
			case UNDECLARED -> "This endpoint declares no access rule, so it is denied by default.";
			default -> "The access token lacks a scope this endpoint requires (all of: "
					+ String.join(" ", this.requiredScopes) + ").";
		};
	}

	@Override
	public String toString() {
		return "ScopeDecision[granted=false, " + (this.issuerNotAccepted ? "issuer not accepted"
				: "rule=" + this.rule + ", required=" + this.requiredScopes) + "]";
	}

}
