package dev.warden.internal.web;

import java.util.Map;
import java.util.Set;

import dev.warden.internal.scope.ScopeDecision;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;

/**
 * What Warden answers to a valid token that may not call the endpoint, whatever the web stack: 403
 * {@code insufficient_scope}, naming the scopes the endpoint requires in the {@code scope} attribute
 * (RFC 6750 §3.1) unless the operator switched that off. The servlet handler and the reactive one
 * both answer through it.
 */
public final class AccessDenials {

	private static final String GENERIC = "The access token does not grant access to this endpoint.";

	private final boolean nameRequiredScopes;

	/**
	 * Creates the answers.
	 * @param nameRequiredScopes whether an answer names the required scopes
	 */
	public AccessDenials(boolean nameRequiredScopes) {
		this.nameRequiredScopes = nameRequiredScopes;
	}

	/**
	 * The answer to a denial.
	 * @param exception the denial; an {@link AuthorizationDeniedException} carrying a
	 * {@link ScopeDecision} says why
	 * @return the answer and what the audit line records
	 */
	public Denial answer(AccessDeniedException exception) {
		String description = GENERIC;
		String scope = null;
		ScopeDecision scopeDecision = null;
		if (exception instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof ScopeDecision decision) {
			scopeDecision = decision;
			if (decision.requiredScopes().isEmpty()) {
				description = decision.description();
			}
			else if (this.nameRequiredScopes) {
				description = decision.description();
				scope = String.join(" ", decision.requiredScopes());
			}
		}
		String reason = (scopeDecision == null) ? "insufficient_scope"
				: scopeDecision.issuerNotAccepted() ? "issuer_not_accepted"
						: scopeDecision.requiredScopes().isEmpty() ? "undeclared" : "insufficient_scope";
		ErrorAnswer answer = ErrorAnswer.error(HttpStatus.FORBIDDEN, Challenge.BEARER, "insufficient_scope",
				description, scope, Map.of());
		return new Denial(answer, reason, description, (scopeDecision != null) ? scopeDecision.requiredScopes() : null);
	}

	/**
	 * A 403 and what the audit line says about it.
	 *
	 * @param answer the answer
	 * @param outcome {@code insufficient_scope}, {@code undeclared} or {@code issuer_not_accepted}
	 * @param description the description sent to the client
	 * @param required the scopes the endpoint requires, or {@code null}
	 */
	public record Denial(ErrorAnswer answer, String outcome, String description, Set<String> required) {
	}

}
