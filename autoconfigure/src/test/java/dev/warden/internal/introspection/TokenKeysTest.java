package dev.warden.internal.introspection;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class TokenKeysTest {

	private static Jwt jwt(String token) {
		Instant now = Instant.now();
		return Jwt.withTokenValue(token).header("alg", "RS256").claim("sub", "alice").issuedAt(now)
			.expiresAt(now.plusSeconds(300)).build();
	}

	@Test
	void theKeyIsTheIntrospectionCacheKeyAndIsComputedOncePerJwtInstance() {
		TokenKeys keys = new TokenKeys();
		Jwt jwt = jwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl");
		String key = keys.of(jwt);
		assertThat(key).isEqualTo(TokenIntrospector.hash(jwt.getTokenValue()));
		// the same instance again: the remembered key, not a new hash
		assertThat(keys.of(jwt)).isSameAs(key);
		// another instance of the same text: the same key, computed for it
		Jwt copy = jwt(new String(jwt.getTokenValue().toCharArray()));
		assertThat(keys.of(copy)).isEqualTo(key).isNotSameAs(key);
	}

	@Test
	void theTokenAsAnAnswerReportsItsSignInIsBuiltOncePerTokenAndAnswer() {
		TokenKeys keys = new TokenKeys();
		Jwt jwt = jwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl");
		IntrospectionResult answer = new IntrospectionResult(true, Map.of("active", true, "acr", "mfa"), null, null);
		AtomicInteger builds = new AtomicInteger();
		Supplier<Jwt> build = () -> {
			builds.incrementAndGet();
			return Jwt.withTokenValue(jwt.getTokenValue()).headers((h) -> h.putAll(jwt.getHeaders()))
				.claims((c) -> c.putAll(jwt.getClaims()))
				.claim("acr", "mfa")
				.build();
		};
		Jwt first = keys.signedIn(jwt, answer, build);
		assertThat(first.getClaimAsString("acr")).isEqualTo("mfa");
		// the same token and the same cached answer: the same Jwt, so the converter's memory holds
		assertThat(keys.signedIn(jwt, answer, build)).isSameAs(first);
		assertThat(builds).hasValue(1);
		// a new answer (the cached one expired) or another instance of the token: built again
		IntrospectionResult next = new IntrospectionResult(true, Map.of("active", true, "acr", "mfa"), null, null);
		assertThat(keys.signedIn(jwt, next, build)).isNotSameAs(first);
		assertThat(keys.signedIn(jwt(jwt.getTokenValue()), answer, build)).isNotSameAs(first);
		assertThat(builds).hasValue(3);
	}

	@Test
	void differentTokensNeverShareAKeyWhateverSlotTheyTake() {
		TokenKeys keys = new TokenKeys();
		for (int i = 0; i < 5000; i++) {
			Jwt jwt = jwt("token-" + i);
			assertThat(keys.of(jwt)).isEqualTo(TokenIntrospector.hash("token-" + i));
		}
	}

}
