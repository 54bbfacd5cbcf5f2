package dev.warden.internal.web;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.warden.internal.scope.DPoPRequiredException;
import dev.warden.internal.scope.InsufficientUserAuthenticationException;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.SharedStateUnavailableException;
import dev.warden.jwt.TokenRequest;
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
 * Answers every authentication failure: no token → 401 with a challenge; a bad token → 401
 * {@code invalid_token} (or, for a DPoP proof, {@code invalid_dpop_proof} / {@code use_dpop_nonce});
 * a sign-in too weak or too old for the endpoint → 401 {@code insufficient_user_authentication}
 * with {@code acr_values} / {@code max_age} (RFC 9470);
 * a malformed request → 400 {@code invalid_request}; the authorization server's keys unreachable →
 * 503 with {@code Retry-After} (never a 401, never a 500).
 * <p>
 * The challenge names the {@code DPoP} scheme (with {@code algs}) when the request used it, when
 * the endpoint or the service requires DPoP; otherwise {@code Bearer}. Every challenge carries
 * {@code resource_metadata} (RFC 9728) while the metadata document is served.
 */
public final class WardenAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final Function<AuthenticationException, Duration> retryAfter;

	private final AuditLog audit;

	private final ResourceMetadata metadata;

	private final String dpopAlgorithms;

	private final Predicate<HttpServletRequest> dpopRequired;

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
		this(retryAfter, audit, null, null, false);
	}

	/**
	 * Creates the entry point.
	 * @param retryAfter the {@code Retry-After} of a 503 for the failure at hand
	 * @param audit where denials are recorded, or {@code null}
	 * @param metadata the resource metadata named in challenges, or {@code null}
	 * @param dpopAlgorithms the algorithms DPoP proofs may use (space-separated), or {@code null}
	 * when DPoP is off
	 * @param dpopRequired whether only DPoP-bound tokens are accepted
	 */
	public WardenAuthenticationEntryPoint(Function<AuthenticationException, Duration> retryAfter, AuditLog audit,
			ResourceMetadata metadata, String dpopAlgorithms, boolean dpopRequired) {
		this(retryAfter, audit, metadata, dpopAlgorithms, (request) -> dpopRequired);
	}

	/**
	 * Creates the entry point.
	 * @param retryAfter the {@code Retry-After} of a 503 for the failure at hand
	 * @param audit where denials are recorded, or {@code null}
	 * @param metadata the resource metadata named in challenges, or {@code null}
	 * @param dpopAlgorithms the algorithms DPoP proofs may use (space-separated), or {@code null}
	 * when DPoP is off
	 * @param dpopRequired whether a request's endpoint (or the whole service) accepts only
	 * DPoP-bound tokens
	 */
	public WardenAuthenticationEntryPoint(Function<AuthenticationException, Duration> retryAfter, AuditLog audit,
			ResourceMetadata metadata, String dpopAlgorithms, Predicate<HttpServletRequest> dpopRequired) {
		this.retryAfter = retryAfter;
		this.audit = audit;
		this.metadata = metadata;
		this.dpopAlgorithms = dpopAlgorithms;
		this.dpopRequired = dpopRequired;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		if (exception instanceof AuthenticationServiceException) {
			String description = isSharedStateFailure(exception)
					? "A check of the request cannot be made now; retry later."
					: "The authorization server cannot be reached to verify the token; retry later.";
			audit(request, 503, "temporarily_unavailable", description);
			BearerErrorResponse.writeUnavailable(response, description, this.retryAfter.apply(exception));
			return;
		}
		Challenge challenge = challenge(request, exception);
		if (exception instanceof OAuth2AuthenticationException oauth) {
			OAuth2Error error = oauth.getError();
			HttpStatus status = (error instanceof BearerTokenError bearer) ? bearer.getHttpStatus()
					: HttpStatus.UNAUTHORIZED;
			InvalidTokenException refusal = refusal(exception);
			String code = (refusal != null) ? refusal.errorCode()
					: (error.getErrorCode() != null) ? error.getErrorCode() : "invalid_token";
			String description = (error.getDescription() != null) ? error.getDescription()
					: "The access token is invalid.";
			audit(request, status.value(), code, description);
			BearerErrorResponse.writeError(response, status, challenge, code, description, null, parameters(exception));
			return;
		}
		audit(request, 401, "missing_token", "A bearer token is required.");
		BearerErrorResponse.writeMissingToken(response, challenge);
	}

	/** RFC 9470: what sign-in to get. */
	private static Map<String, String> parameters(AuthenticationException exception) {
		if (!(exception instanceof InsufficientUserAuthenticationException stepUp)) {
			return Map.of();
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		if (stepUp.acrValues() != null) {
			parameters.put("acr_values", stepUp.acrValues());
		}
		if (stepUp.maxAge() != null) {
			parameters.put("max_age", Long.toString(stepUp.maxAge()));
		}
		return parameters;
	}

	private Challenge challenge(HttpServletRequest request, AuthenticationException exception) {
		String metadataUrl = (this.metadata != null) ? this.metadata.url(request) : null;
		ServletTokenRequest tokenRequest = ServletTokenRequest.of(request);
		boolean dpop = this.dpopAlgorithms != null && (exception instanceof DPoPRequiredException
				|| (tokenRequest != null && tokenRequest.scheme() == TokenRequest.Scheme.DPOP)
				|| this.dpopRequired.test(request));
		return dpop ? new Challenge("DPoP", this.dpopAlgorithms, metadataUrl)
				: new Challenge("Bearer", null, metadataUrl);
	}

	private static boolean isSharedStateFailure(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof SharedStateUnavailableException) {
				return true;
			}
		}
		return false;
	}

	private static InvalidTokenException refusal(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidTokenException refusal) {
				return refusal;
			}
		}
		return null;
	}

	private void audit(HttpServletRequest request, int status, String outcome, String reason) {
		if (this.audit != null) {
			this.audit.denied(request, status, outcome, reason, null, null);
		}
	}

}
