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

	ScopeDecision(EndpointRequirement.Rule rule, Set<String> requiredScopes, String route) {
		super(false);
		this.rule = rule;
		this.requiredScopes = requiredScopes;
		this.route = route;
	}

	/**
	 * The rule that refused: {@code ALL_OF}, {@code ANY_OF} or {@code UNDECLARED}.
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
		return "ScopeDecision[granted=false, rule=" + this.rule + ", required=" + this.requiredScopes + "]";
	}

}
