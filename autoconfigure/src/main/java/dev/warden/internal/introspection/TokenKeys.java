package dev.warden.internal.introspection;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The introspection cache key ({@link TokenIntrospector#hash}, the hex SHA-256 of the token) of a
 * verified {@link Jwt}, remembered for the {@code Jwt} instance: Warden's decoder hands out the same
 * instance for every request that repeats a cached token, so a repeated token is hashed once, not on
 * every live check. Likewise the token as an answer reports its sign-in ({@code acr},
 * {@code auth_time}): built once per token and cached answer, so that the same {@code Jwt} goes on
 * to the authentication converter, which remembers what it yields by instance. Fixed tables of
 * {@value #SLOTS} slots, compared by identity; they hold {@code Jwt}s the verified-token cache
 * holds too, and never an opaque token.
 */
final class TokenKeys {

	private static final int SLOTS = 1024;

	private final AtomicReferenceArray<Keyed> recent = new AtomicReferenceArray<>(SLOTS);

	private final AtomicReferenceArray<SignedIn> signedIn = new AtomicReferenceArray<>(SLOTS);

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

	/**
	 * The token with the sign-in an answer reports, built once per token and answer.
	 * @param jwt the verified token
	 * @param answer the cached introspection answer
	 * @param build builds it (checks the answer's claims first)
	 * @return the token as the answer reports it
	 */
	Jwt signedIn(Jwt jwt, IntrospectionResult answer, Supplier<Jwt> build) {
		int slot = (System.identityHashCode(jwt) * 31 + System.identityHashCode(answer)) & (SLOTS - 1);
		SignedIn remembered = this.signedIn.get(slot);
		if (remembered != null && remembered.jwt() == jwt && remembered.answer() == answer) {
			return remembered.signedIn();
		}
		Jwt built = build.get();
		this.signedIn.set(slot, new SignedIn(jwt, answer, built));
		return built;
	}

	private record Keyed(Jwt jwt, String key) {
	}

	private record SignedIn(Jwt jwt, IntrospectionResult answer, Jwt signedIn) {
	}

}
