package dev.warden.internal.scope;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Reading scopes from claims of every shape. */
class ScopeClaimsTest {

	private final ScopeClaims standard = ScopeClaims.standard();

	@Test
	void spaceDelimitedScopeString() {
		assertThat(this.standard.scopes(Map.of("scope", "  a b   c "))).containsExactly("a", "b", "c");
	}

	@Test
	void scpStringAndArray() {
		assertThat(this.standard.scopes(Map.of("scp", "a b"))).containsExactly("a", "b");
		assertThat(this.standard.scopes(Map.of("scp", List.of("a", "b")))).containsExactly("a", "b");
	}

	@Test
	void firstConfiguredClaimWins() {
		assertThat(this.standard.scopes(Map.of("scope", "a", "scp", List.of("b")))).containsExactly("a");
	}

	@Test
	void noClaimMeansNoScopes() {
		assertThat(this.standard.scopes(Map.of("sub", "x"))).isEmpty();
	}

	@Test
	void commasNeedConfiguring() {
		assertThat(this.standard.scopes(Map.of("scope", "a,b"))).containsExactly("a,b");
		assertThat(new ScopeClaims(List.of("scope"), " ,").scopes(Map.of("scope", "a,b, c"))).containsExactly("a", "b",
				"c");
	}

	@Test
	void customClaimNames() {
		assertThat(new ScopeClaims(List.of("permissions"), " ").scopes(Map.of("permissions", List.of("p"))))
			.containsExactly("p");
	}

	@Test
	void wrongTypesMakeTheTokenInvalid() {
		for (Object value : new Object[] { 42, Map.of("a", "b"), true, List.of("a", 1) }) {
			assertThatExceptionOfType(InvalidBearerTokenException.class).as(String.valueOf(value))
				.isThrownBy(() -> this.standard.scopes(Map.of("scope", value)))
				.withMessage("The token's scope claim is not a string or an array of strings");
		}
	}

}
