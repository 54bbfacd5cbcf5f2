package dev.warden.web;

import java.io.IOException;

import dev.warden.scope.ScopeDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a valid token that may not call the endpoint: 403 {@code insufficient_scope}, naming the
 * scopes the endpoint requires in the {@code scope} attribute (RFC 6750 §3.1) unless the operator
 * switched that off.
 */
public final class WardenAccessDeniedHandler implements AccessDeniedHandler {

	private static final String GENERIC = "The access token does not grant access to this endpoint.";

	private final boolean nameRequiredScopes;

	/**
	 * Creates the handler.
	 * @param nameRequiredScopes whether the answer names the required scopes
	 */
	public WardenAccessDeniedHandler(boolean nameRequiredScopes) {
		this.nameRequiredScopes = nameRequiredScopes;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		String description = GENERIC;
		String scope = null;
		if (accessDeniedException instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof ScopeDecision decision) {
			if (decision.requiredScopes().isEmpty()) {
				description = decision.description();
			}
			else if (this.nameRequiredScopes) {
				description = decision.description();
				scope = String.join(" ", decision.requiredScopes());
			}
		}
		BearerErrorResponse.writeError(response, HttpStatus.FORBIDDEN, "insufficient_scope", description, scope);
	}

}
