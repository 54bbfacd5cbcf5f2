package dev.warden.web;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers every authentication failure: no token → 401 {@code Bearer}; a bad token → 401
 * {@code invalid_token}; a malformed request → 400 {@code invalid_request}; the authorization
 * server's keys unreachable → 503 with {@code Retry-After} (never a 401, never a 500).
 */
public final class WardenAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final Function<AuthenticationException, Duration> retryAfter;

	private final AuditLog audit;

	/**
	 * Creates the entry point.
	 * @param retryAfter the {@code Retry-After} of a 503: when a new attempt can reach the
	 * authorization server again
	 */
	public WardenAuthenticationEntryPoint(Duration retryAfter) {
		this((exception) -> retryAfter);
	}

	/**
	 * Creates the entry point.
	 * @param retryAfter the {@code Retry-After} of a 503 for the failure at hand
	 */
	public WardenAuthenticationEntryPoint(Function<AuthenticationException, Duration> retryAfter) {
		this(retryAfter, null);
	}

	/**
	 * Creates the entry point.
	 * @param retryAfter the {@code Retry-After} of a 503 for the failure at hand
	 * @param audit where denials are recorded, or {@code null}
	 */
	public WardenAuthenticationEntryPoint(Function<AuthenticationException, Duration> retryAfter, AuditLog audit) {
		this.retryAfter = retryAfter;
		this.audit = audit;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		if (exception instanceof AuthenticationServiceException) {
			String description = "The authorization server cannot be reached to verify the token; retry later.";
			audit(request, 503, "temporarily_unavailable", description);
			BearerErrorResponse.writeUnavailable(response, description, this.retryAfter.apply(exception));
			return;
		}
		if (exception instanceof OAuth2AuthenticationException oauth) {
			OAuth2Error error = oauth.getError();
			HttpStatus status = (error instanceof BearerTokenError bearer) ? bearer.getHttpStatus()
					: HttpStatus.UNAUTHORIZED;
			String code = (error.getErrorCode() != null) ? error.getErrorCode() : "invalid_token";
			String description = (error.getDescription() != null) ? error.getDescription()
					: "The access token is invalid.";
			audit(request, status.value(), code, description);
			BearerErrorResponse.writeError(response, status, code, description, null);
			return;
		}
		audit(request, 401, "missing_token", "A bearer token is required.");
		BearerErrorResponse.writeMissingToken(response);
	}

	private void audit(HttpServletRequest request, int status, String outcome, String reason) {
		if (this.audit != null) {
			this.audit.denied(request, status, outcome, reason, null, null);
		}
	}

}
