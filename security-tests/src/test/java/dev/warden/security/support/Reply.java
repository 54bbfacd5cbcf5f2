package dev.warden.security.support;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One answer of the application, with how long it took and the credential that was sent.
 *
 * @param status HTTP status
 * @param headers response headers (names in lower case, first value)
 * @param body response body
 * @param elapsed time from sending the request to the end of the answer
 * @param credential the token (or header value) sent, for leak checks; may be {@code null}
 */
public record Reply(int status, Map<String, String> headers, String body, Duration elapsed, String credential) {

	public String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	@Override
	public String toString() {
		return "HTTP " + this.status + " in " + this.elapsed.toMillis() + "ms, WWW-Authenticate="
				+ header("WWW-Authenticate") + ", body=" + this.body;
	}

}
