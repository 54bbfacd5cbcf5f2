package dev.warden.internal.scope;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WardenJwtAuthenticationConverter}: authorities and principal name from the claims, read once
 * per {@link Jwt} instance, never mixed up between tokens, and a token without a principal refused
 * every time.
 */
class WardenJwtAuthenticationConverterTest {

	private final WardenJwtAuthenticationConverter converter = new WardenJwtAuthenticationConverter(
			ScopeClaims.standard());

	private static Jwt jwt(Map<String, Object> claims) {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.claims((c) -> c.putAll(claims))
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
	}

	@Test
	void aRepeatedTokenInstanceYieldsTheSameAuthoritiesInANewAuthentication() {
		Jwt jwt = jwt(Map.of("sub", "alice", "scope", "orders:read orders:write"));
		var first = this.converter.convert(jwt);
		var second = this.converter.convert(jwt);
		assertThat(first).isNotSameAs(second);
		assertThat(first.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("SCOPE_orders:read", "SCOPE_orders:write");
		assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
		// read once: the second authentication carries the very authority objects of the first
		assertThat(second.getAuthorities().iterator().next()).isSameAs(first.getAuthorities().iterator().next());
		assertThat(second.getName()).isEqualTo("alice");
	}

	@Test
	void manyTokensEachKeepTheirOwnScopesAndName() {
		// more tokens than the table has slots: every slot is shared, none may answer for another token
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 5000; i++) {
				Jwt jwt = jwt(Map.of("sub", "user-" + i, "scope", "s" + i));
				var authentication = this.converter.convert(jwt);
				assertThat(authentication.getName()).isEqualTo("user-" + i);
				assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
					.containsExactly("SCOPE_s" + i);
			}
		}
	}

	@Test
	void aTokenWithoutAPrincipalIsRefusedEveryTime() {
		Jwt jwt = jwt(Map.of("scope", "orders:read"));
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> this.converter.convert(jwt))
				.withMessage("The token names no subject (sub) or client (client_id)");
		}
	}

}
