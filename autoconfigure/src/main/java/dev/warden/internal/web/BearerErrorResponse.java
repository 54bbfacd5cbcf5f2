package dev.warden.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.warden.internal.Json;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Writes an RFC 6750 answer: the status, {@code WWW-Authenticate: Bearer …} and an
 * {@code application/problem+json} body (RFC 9457). The one place where Warden's error answers are
 * written. Descriptions are Warden's own sentences, never token text.
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
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge.header(null, null, null));
		writeBody(response, HttpStatus.UNAUTHORIZED, null, "DPoP".equals(challenge.scheme())
				? "A DPoP-bound access token and a DPoP proof are required." : "A bearer token is required.");
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
		response.setStatus(status.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge.header(error, description, scope, parameters));
		writeBody(response, status, error, description);
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
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		writeBody(response, HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable", description);
	}

	private static void writeBody(HttpServletResponse response, HttpStatus status, String error, String detail)
			throws IOException {
		StringBuilder json = new StringBuilder(160).append("{\"type\":\"about:blank\",\"title\":");
		Json.quote(json, status.getReasonPhrase());
		json.append(",\"status\":").append(status.value());
		if (detail != null) {
			json.append(",\"detail\":");
			Json.quote(json, detail);
		}
		if (error != null) {
			json.append(",\"error\":");
			Json.quote(json, error);
		}
		json.append('}');
		byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType("application/problem+json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	/** RFC 6750 allows %x20-21 / %x23-5B / %x5D-7E in error_description and scope. */
	static String headerSafe(String value) {
		StringBuilder safe = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean allowed = c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
			safe.append(allowed ? c : ' ');
		}
		return safe.toString();
	}

}
