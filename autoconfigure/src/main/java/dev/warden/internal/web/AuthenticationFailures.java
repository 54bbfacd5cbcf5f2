package dev.warden.internal.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import dev.warden.internal.scope.DPoPRequiredException;
import dev.warden.internal.scope.InsufficientUserAuthenticationException;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.SharedStateUnavailableException;
import dev.warden.jwt.TokenRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;

/**
 * What Warden answers to an authentication failure, whatever the web stack: no token → 401 with a
 * challenge; a bad token → 401 {@code invalid_token} (or, for a DPoP proof,
 * {@code invalid_dpop_proof} / {@code use_dpop_nonce}); a sign-in too weak or too old → 401
 * {@code insufficient_user_authentication} with {@code acr_values} / {@code max_age} (RFC 9470); a
 * malformed request → 400 {@code invalid_request}; a check that cannot be made now → 503 with
 * {@code Retry-After} (never a 401, never a 500). The servlet entry point and the reactive one both
 * answer through it.
 */
public final class AuthenticationFailures {

	private final Function<AuthenticationException, Duration> retryAfter;

	private final String dpopAlgorithms;

	/**
	 * Creates the answers.
	 * @param retryAfter the {@code Retry-After} of a 503 for the failure at hand
	 * @param dpopAlgorithms the algorithms DPoP proofs may use (space-separated), or {@code null}
	 * when DPoP is off
	 */
	public AuthenticationFailures(Function<AuthenticationException, Duration> retryAfter, String dpopAlgorithms) {
		this.retryAfter = retryAfter;
		this.dpopAlgorithms = dpopAlgorithms;
	}

	/**
	 * Whether DPoP is offered at all (the challenge may name it).
	 * @return whether DPoP is on
	 */
	public boolean offersDPoP() {
		return this.dpopAlgorithms != null;
	}

	/**
	 * The answer to a failure.
	 * @param exception the failure
	 * @param metadataUrl the URL of the resource metadata named in challenges, or {@code null}
	 * @param scheme how the request presented its token, or {@code null}
	 * @param dpopRequired whether the endpoint (or the service) accepts only DPoP-bound tokens;
	 * asked only when the answer carries a challenge and nothing else decides the scheme
	 * @return the answer and what the audit line records
	 */
	public Failure answer(AuthenticationException exception, String metadataUrl, TokenRequest.Scheme scheme,
			BooleanSupplier dpopRequired) {
		if (exception instanceof AuthenticationServiceException) {
			String description = isSharedStateFailure(exception)
					? "A check of the request cannot be made now; retry later."
					: "The authorization server cannot be reached to verify the token; retry later.";
			return new Failure(ErrorAnswer.unavailable(description, this.retryAfter.apply(exception)), 503,
					"temporarily_unavailable", description);
		}
		boolean dpop = this.dpopAlgorithms != null && (exception instanceof DPoPRequiredException
				|| scheme == TokenRequest.Scheme.DPOP || dpopRequired.getAsBoolean());
		Challenge challenge = dpop ? new Challenge("DPoP", this.dpopAlgorithms, metadataUrl)
				: new Challenge("Bearer", null, metadataUrl);
		if (exception instanceof OAuth2AuthenticationException oauth) {
			OAuth2Error error = oauth.getError();
			HttpStatus status = (error instanceof BearerTokenError bearer) ? bearer.getHttpStatus()
					: HttpStatus.UNAUTHORIZED;
			InvalidTokenException refusal = refusal(exception);
			String code = (refusal != null) ? refusal.errorCode()
					: (error.getErrorCode() != null) ? error.getErrorCode() : "invalid_token";
			String description = (error.getDescription() != null) ? error.getDescription()
					: "The access token is invalid.";
			return new Failure(
					ErrorAnswer.error(status, challenge, code, description, null, parameters(exception)),
					status.value(), code, description);
		}
		return new Failure(ErrorAnswer.missingToken(challenge), 401, "missing_token", "A bearer token is required.");
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

	/**
	 * An answer and what the audit line says about it.
	 *
	 * @param answer the answer
	 * @param status its status
	 * @param outcome the error code, or {@code missing_token}
	 * @param reason the description sent to the client
	 */
	public record Failure(ErrorAnswer answer, int status, String outcome, String reason) {
	}

}
