package dev.warden.internal.web;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.warden.internal.scope.EndpointRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
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

	private final AuthenticationFailures failures;

	private final AuditLog audit;

	private final ResourceMetadata metadata;

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
		this(new AuthenticationFailures(retryAfter, dpopAlgorithms), audit, metadata, dpopRequired);
	}

	/**
	 * Creates the entry point.
	 * @param failures the answers, shared with the reactive stack
	 * @param audit where denials are recorded, or {@code null}
	 * @param metadata the resource metadata named in challenges, or {@code null}
	 * @param dpopRequired whether a request's endpoint (or the whole service) accepts only
	 * DPoP-bound tokens
	 */
	public WardenAuthenticationEntryPoint(AuthenticationFailures failures, AuditLog audit, ResourceMetadata metadata,
			Predicate<HttpServletRequest> dpopRequired) {
		this.failures = failures;
		this.audit = audit;
		this.metadata = metadata;
		this.dpopRequired = dpopRequired;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		ServletTokenRequest tokenRequest = ServletTokenRequest.of(request);
		AuthenticationFailures.Failure failure = this.failures.answer(exception,
				(this.metadata != null) ? this.metadata.url(ResourceMetadataEndpoint.origin(request), request.getContextPath())
						: null,
				(tokenRequest != null) ? tokenRequest.scheme() : null, () -> this.dpopRequired.test(request));
		if (this.audit != null) {
			this.audit.denied(auditRequest(request), failure.status(), failure.outcome(), failure.reason(), null, null);
		}
		BearerErrorResponse.write(response, failure.answer());
	}

	/**
	 * A servlet request as an audit line names it.
	 * @param request the request
	 * @return its method, route, {@code Authorization} header and token request
	 */
	static AuditLog.Request auditRequest(HttpServletRequest request) {
		EndpointRegistry.Lookup lookup = EndpointRegistry.cachedLookup(request);
		return new AuditLog.Request(request.getMethod(), (lookup != null) ? lookup.route() : null,
				request.getHeader(HttpHeaders.AUTHORIZATION), ServletTokenRequest.of(request));
	}

}
