package dev.warden.internal.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a valid token that may not call the endpoint: 403 {@code insufficient_scope}, naming the
 * scopes the endpoint requires in the {@code scope} attribute (RFC 6750 §3.1) unless the operator
 * switched that off.
 */
public final class WardenAccessDeniedHandler implements AccessDeniedHandler {

	private final AccessDenials denials;

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
		this.denials = new AccessDenials(nameRequiredScopes);
		this.audit = audit;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		AccessDenials.Denial denial = this.denials.answer(accessDeniedException);
		if (this.audit != null) {
			this.audit.denied(WardenAuthenticationEntryPoint.auditRequest(request), 403, denial.outcome(),
					denial.description(), SecurityContextHolder.getContext().getAuthentication(), denial.required());
		}
		BearerErrorResponse.write(response, denial.answer());
	}

}
