package dev.warden.internal.scope;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Reads the scopes a token grants: {@code scope} as a space-delimited string (RFC 9068, RFC 8693),
 * {@code scp} as a string or an array of strings. Matching is exact and case-sensitive. A scope
 * claim of any other JSON type makes the token invalid.
 */
public final class ScopeClaims {

	private final List<String> claimNames;

	private final String delimiters;

	/**
	 * Creates a reader.
	 * @param claimNames the claims to read, in order; the first one present wins
	 * @param delimiters the characters that separate scopes inside a string claim
	 */
	public ScopeClaims(List<String> claimNames, String delimiters) {
		this.claimNames = List.copyOf(claimNames);
		this.delimiters = delimiters;
	}

	/**
	 * The standard reader: {@code scope} then {@code scp}, separated by spaces.
	 * @return the reader
	 */
	public static ScopeClaims standard() {
		return new ScopeClaims(List.of("scope", "scp"), " ");
	}

	/**
	 * The scopes granted by a token's claims.
	 * @param claims the claims
	 * @return the scopes, in the order they appear
	 * @throws InvalidBearerTokenException when a scope claim has the wrong type
	 */
	public Set<String> scopes(Map<String, Object> claims) {
		for (String name : this.claimNames) {
			Object value = claims.get(name);
			if (value == null) {
				if (claims.containsKey(name)) {
					// JSON null is a claim of the wrong type, not an absent one
					throw wrongType(name);
				}
				continue;
			}
			Set<String> scopes = new LinkedHashSet<>();
			if (value instanceof String text) {
				split(text, scopes);
			}
			else if (value instanceof Collection<?> values) {
				for (Object item : values) {
					if (!(item instanceof String text)) {
						throw wrongType(name);
					}
					split(text, scopes);
				}
			}
			else {
				throw wrongType(name);
			}
			return scopes;
		}
		return Set.of();
	}

	private void split(String text, Set<String> into) {
		int start = -1;
		for (int i = 0; i <= text.length(); i++) {
			boolean separator = i == text.length() || this.delimiters.indexOf(text.charAt(i)) >= 0;
			if (separator) {
				if (start >= 0) {
					into.add(text.substring(start, i));
					start = -1;
				}
			}
			else if (start < 0) {
				start = i;
			}
		}
	}

	private static InvalidBearerTokenException wrongType(String claim) {
		return new InvalidBearerTokenException("The token's " + claim + " claim is not a string or an array of strings");
	}

}
