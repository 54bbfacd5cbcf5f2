package dev.warden.internal.web;

import java.io.IOException;

import dev.warden.internal.scope.ScopeDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a valid token that may not call the endpoint: 403 {@code insufficient_scope}, naming the
 * scopes the endpoint requires in the {@code scope} attribute (RFC 6750 §3.1) unless the operator
 * switched that off.
 */
public final class WardenAccessDeniedHandler implements AccessDeniedHandler {

	private static final String GENERIC = "The access token does not grant access to this endpoint.";

	private final boolean nameRequiredScopes;

	private final AuditLog audit;

	/**
	 * Creates the handler.
	 * @param nameRequiredScopes whether the answer names the required scopes
	 */
	public WardenAccessDeniedHandler(boolean nameRequiredScopes) {
		this(nameRequiredScopes, null);
	}

	/**
	 * Creates the handler.
	 * @param nameRequiredScopes whether the answer names the required scopes
	 * @param audit where denials are recorded, or {@code null}
	 */
	public WardenAccessDeniedHandler(boolean nameRequiredScopes, AuditLog audit) {
		this.nameRequiredScopes = nameRequiredScopes;
		this.audit = audit;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		String description = GENERIC;
		String scope = null;
		ScopeDecision scopeDecision = null;
		if (accessDeniedException instanceof AuthorizationDeniedException denied
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
		if (this.audit != null) {
			String reason = (scopeDecision == null) ? "insufficient_scope"
					: scopeDecision.issuerNotAccepted() ? "issuer_not_accepted"
							: scopeDecision.requiredScopes().isEmpty() ? "undeclared" : "insufficient_scope";
			this.audit.denied(request, 403, reason, description,
					SecurityContextHolder.getContext().getAuthentication(),
					(scopeDecision != null) ? scopeDecision.requiredScopes() : null);
		}
		BearerErrorResponse.writeError(response, HttpStatus.FORBIDDEN, "insufficient_scope", description, scope);
	}

}
