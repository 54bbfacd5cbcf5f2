package dev.warden.internal.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

/**
 * Writes an RFC 6750 answer to a servlet response: the status, {@code WWW-Authenticate: Bearer …}
 * and an {@code application/problem+json} body (RFC 9457), as {@link ErrorAnswer} builds them for
 * both web stacks. Descriptions are Warden's own sentences, never token text.
 */
public final class BearerErrorResponse {

	private BearerErrorResponse() {
	}

	/**
	 * Writes a 401 for a request that carries no bearer token: {@code WWW-Authenticate: Bearer}
	 * without an error.
	 * @param response the response
	 * @throws IOException when the body cannot be written
	 */
	public static void writeMissingToken(HttpServletResponse response) throws IOException {
		writeMissingToken(response, Challenge.BEARER);
	}

	/**
	 * Writes a 401 for a request that carries no token: a challenge without an error.
	 * @param response the response
	 * @param challenge the scheme and parameters of the challenge
	 * @throws IOException when the body cannot be written
	 */
	public static void writeMissingToken(HttpServletResponse response, Challenge challenge) throws IOException {
		write(response, ErrorAnswer.missingToken(challenge));
	}

	/**
	 * Writes an answer with an RFC 6750 error code.
	 * @param response the response
	 * @param status 400, 401 or 403
	 * @param error {@code invalid_request}, {@code invalid_token} or {@code insufficient_scope}
	 * @param description a sentence for the client
	 * @param scope the scopes to name, or {@code null}
	 * @throws IOException when the body cannot be written
	 */
	public static void writeError(HttpServletResponse response, HttpStatus status, String error, String description,
			String scope) throws IOException {
		writeError(response, status, Challenge.BEARER, error, description, scope);
	}

	/**
	 * Writes an answer with an error code under a challenge of the given scheme.
	 * @param response the response
	 * @param status 400, 401 or 403
	 * @param challenge the scheme and parameters of the challenge
	 * @param error the error code
	 * @param description a sentence for the client
	 * @param scope the scopes to name, or {@code null}
	 * @throws IOException when the body cannot be written
	 */
	public static void writeError(HttpServletResponse response, HttpStatus status, Challenge challenge, String error,
			String description, String scope) throws IOException {
		writeError(response, status, challenge, error, description, scope, java.util.Map.of());
	}

	/**
	 * Writes an answer with an error code and further challenge parameters.
	 * @param response the response
	 * @param status 400, 401 or 403
	 * @param challenge the scheme and parameters of the challenge
	 * @param error the error code
	 * @param description a sentence for the client
	 * @param scope the scopes to name, or {@code null}
	 * @param parameters further parameters of the error, in order (e.g. {@code acr_values})
	 * @throws IOException when the body cannot be written
	 */
	public static void writeError(HttpServletResponse response, HttpStatus status, Challenge challenge, String error,
			String description, String scope, java.util.Map<String, String> parameters) throws IOException {
		write(response, ErrorAnswer.error(status, challenge, error, description, scope, parameters));
	}

	/**
	 * Writes a 503 for a check that is required but cannot be made now (the authorization server
	 * is unreachable). Not a 401: the token may be valid, and a client that refreshed its token
	 * would only retry into the outage.
	 * @param response the response
	 * @param description a sentence for the client
	 * @param retryAfter when to retry
	 * @throws IOException when the body cannot be written
	 */
	public static void writeUnavailable(HttpServletResponse response, String description, Duration retryAfter)
			throws IOException {
		write(response, ErrorAnswer.unavailable(description, retryAfter));
	}

	/**
	 * Writes an answer.
	 * @param response the response
	 * @param answer the answer
	 * @throws IOException when the body cannot be written
	 */
	public static void write(HttpServletResponse response, ErrorAnswer answer) throws IOException {
		response.setStatus(answer.status());
		answer.headers().forEach(response::setHeader);
		response.setContentLength(answer.body().length);
		response.getOutputStream().write(answer.body());
		response.flushBuffer();
	}

}
