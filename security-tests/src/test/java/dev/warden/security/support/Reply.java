package dev.warden.security.support;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One answer of the application, with how long it took and the credential that was sent.
 *
 * @param status HTTP status
 * @param headers response headers (names in lower case, every value in the order received)
 * @param body response body
 * @param elapsed time from sending the request to the end of the answer
 * @param credential the token (or header value) sent, for leak checks; may be {@code null}
 */
public record Reply(int status, Map<String, List<String>> headers, String body, Duration elapsed, String credential) {

	/** The first value of a header, or {@code null}. */
	public String header(String name) {
		List<String> values = headers(name);
		return values.isEmpty() ? null : values.get(0);
	}

	/** Every value of a header, one per header line. */
	public List<String> headers(String name) {
		return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
	}

	@Override
	public String toString() {
		return "HTTP " + this.status + " in " + this.elapsed.toMillis() + "ms, WWW-Authenticate="
				+ headers("WWW-Authenticate") + ", body=" + this.body;
	}

}
