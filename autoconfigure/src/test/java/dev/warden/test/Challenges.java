package dev.warden.test;

import java.util.regex.Pattern;

/**
 * Expected {@code WWW-Authenticate} challenges: every 401 challenge ends with the
 * {@code resource_metadata} parameter (RFC 9728), which names the test server's loopback port.
 */
public final class Challenges {

	private static final String METADATA = "resource_metadata=\"http://(127\\.0\\.0\\.1|localhost):[0-9]+/\\.well-known/oauth-protected-resource\"";

	private Challenges() {
	}

	/**
	 * A regular expression for a challenge with the resource metadata parameter.
	 * @param challenge the challenge without it, e.g. {@code Bearer} or
	 * {@code Bearer error="invalid_token", error_description="…"}
	 * @return the expression
	 */
	public static String withMetadata(String challenge) {
		return Pattern.quote(challenge) + (challenge.contains(" ") ? ", " : " ") + METADATA;
	}

}
