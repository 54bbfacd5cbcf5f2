package dev.warden.internal.introspection;

import java.time.Instant;
import java.util.Map;

/**
 * The authorization server's verdict on a token.
 *
 * @param active whether the token is active (and passed Warden's checks of the answer)
 * @param claims the answer's members (active answers only)
 * @param expiresAt the answer's {@code exp}, or {@code null}
 * @param reason why an answer counts as inactive, for logs (never token text)
 */
public record IntrospectionResult(boolean active, Map<String, Object> claims, Instant expiresAt, String reason) {

	static IntrospectionResult inactive(String reason) {
		return new IntrospectionResult(false, Map.of(), null, reason);
	}

}
