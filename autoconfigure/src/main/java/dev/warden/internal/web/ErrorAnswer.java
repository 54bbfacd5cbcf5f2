package dev.warden.internal.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.internal.Json;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * One of Warden's error answers, free of any web stack: the status, the headers in the order they
 * are written, and the {@code application/problem+json} body (RFC 9457). The servlet stack writes
 * it with {@link BearerErrorResponse}, the reactive stack with its own writer: both send the same
 * bytes. Descriptions are Warden's own sentences, never token text.
 *
 * @param status the status
 * @param headers the headers, in order
 * @param body the problem-details body
 */
public record ErrorAnswer(int status, Map<String, String> headers, byte[] body) {

	/** The media type of every body. */
	public static final String PROBLEM_JSON = "application/problem+json";

	/**
	 * A 401 for a request that carries no token: a challenge without an error.
	 * @param challenge the scheme and parameters of the challenge
	 * @return the answer
	 */
	public static ErrorAnswer missingToken(Challenge challenge) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(HttpHeaders.WWW_AUTHENTICATE, challenge.header(null, null, null));
		return withBody(HttpStatus.UNAUTHORIZED, headers, null, "DPoP".equals(challenge.scheme())
				? "A DPoP-bound access token and a DPoP proof are required." : "A bearer token is required.");
	}

	/**
	 * An answer with an error code and further challenge parameters.
	 * @param status 400, 401 or 403
	 * @param challenge the scheme and parameters of the challenge
	 * @param error the error code
	 * @param description a sentence for the client
	 * @param scope the scopes to name, or {@code null}
	 * @param parameters further parameters of the error, in order (e.g. {@code acr_values})
	 * @return the answer
	 */
	public static ErrorAnswer error(HttpStatus status, Challenge challenge, String error, String description,
			String scope, Map<String, String> parameters) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(HttpHeaders.WWW_AUTHENTICATE, challenge.header(error, description, scope, parameters));
		return withBody(status, headers, error, description);
	}

	/**
	 * A 503 for a check that is required but cannot be made now. Not a 401: the token may be
	 * valid, and a client that refreshed its token would only retry into the outage.
	 * @param description a sentence for the client
	 * @param retryAfter when to retry
	 * @return the answer
	 */
	public static ErrorAnswer unavailable(String description, Duration retryAfter) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		return withBody(HttpStatus.SERVICE_UNAVAILABLE, headers, "temporarily_unavailable", description);
	}

	private static ErrorAnswer withBody(HttpStatus status, Map<String, String> headers, String error, String detail) {
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
		headers.put(HttpHeaders.CACHE_CONTROL, "no-store");
		headers.put(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
		return new ErrorAnswer(status.value(), headers, json.toString().getBytes(StandardCharsets.UTF_8));
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
