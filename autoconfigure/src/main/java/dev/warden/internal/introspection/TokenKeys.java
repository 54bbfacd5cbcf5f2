package dev.warden.internal.introspection;

import java.util.concurrent.atomic.AtomicReferenceArray;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The introspection cache key ({@link TokenIntrospector#hash}, the hex SHA-256 of the token) of a
 * verified {@link Jwt}, remembered for the {@code Jwt} instance: Warden's decoder hands out the same
 * instance for every request that repeats a cached token, so a repeated token is hashed once, not on
 * every live check. A fixed table of {@value #SLOTS} slots, compared by identity; it holds
 * {@code Jwt}s the verified-token cache holds too, and never an opaque token.
 */
final class TokenKeys {

	private static final int SLOTS = 1024;

	private final AtomicReferenceArray<Keyed> recent = new AtomicReferenceArray<>(SLOTS);

	/**
	 * The introspection cache key of a token.
	 * @param jwt the verified token
	 * @return the hex SHA-256 of its text
	 */
	String of(Jwt jwt) {
		int slot = System.identityHashCode(jwt) & (SLOTS - 1);
		Keyed keyed = this.recent.get(slot);
		if (keyed == null || keyed.jwt() != jwt) {
			keyed = new Keyed(jwt, TokenIntrospector.hash(jwt.getTokenValue()));
			this.recent.set(slot, keyed);
		}
		return keyed.key();
	}

	private record Keyed(Jwt jwt, String key) {
	}

}
