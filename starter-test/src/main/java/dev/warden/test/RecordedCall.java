package dev.warden.test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request the test issuer received, for tests that check what Warden sent.
 *
 * @param method the HTTP method
 * @param path the path and query
 * @param headers every header, by lowercase name, with all its values
 * @param body the body as text
 */
public record RecordedCall(String method, String path, Map<String, List<String>> headers, String body) {

	/**
	 * The first value of a header.
	 * @param name the header, in any case
	 * @return the value, or {@code null}
	 */
	public String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
