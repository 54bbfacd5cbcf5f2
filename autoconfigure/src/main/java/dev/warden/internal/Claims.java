package dev.warden.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Readings of claims shared by tokens and introspection answers. Internal: not part of Warden's API.
 */
public final class Claims {

	private Claims() {
	}

	/**
	 * The principal's name: {@code sub}, or for a token issued to a client itself,
	 * {@code client_id}.
	 * @param claims the claims
	 * @return the name, or {@code null} when neither is a non-empty string
	 */
	public static String principalName(Map<String, Object> claims) {
		Object sub = claims.get("sub");
		if (sub instanceof String subject && !subject.isEmpty()) {
			return subject;
		}
		Object clientId = claims.get("client_id");
		return (clientId instanceof String client && !client.isEmpty()) ? client : null;
	}

	/**
	 * The values of an {@code aud} claim (RFC 7519 §4.1.3).
	 * @param aud the claim
	 * @return its values, or {@code null} when it is not a string or an array of strings
	 */
	public static List<String> audiences(Object aud) {
		if (aud instanceof String single) {
			return List.of(single);
		}
		if (!(aud instanceof Collection<?> many)) {
			return null;
		}
		for (Object value : many) {
			if (!(value instanceof String)) {
				return null;
			}
		}
		return many.stream().map(String.class::cast).toList();
	}

	/**
	 * Whether an {@code aud} claim names one of the accepted audiences.
	 * @param aud the claim
	 * @param accepted the accepted audiences
	 * @return whether one of its values is accepted
	 */
	public static boolean namesOneOf(Object aud, Set<String> accepted) {
		List<String> values = audiences(aud);
		return values != null && values.stream().anyMatch(accepted::contains);
	}

}
