package dev.warden.internal.scope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.warden.internal.jwt.DecoderOracle;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The step-up decision on claims alone, with a fixed clock: levels, exact values and ages. */
class StepUpPolicyTest {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private final StepUpPolicy ranked = new StepUpPolicy(List.of("pwd", "mfa", "phr"), Duration.ofSeconds(60),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final StepUpPolicy exact = new StepUpPolicy(List.of(), Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));

	private static Map<String, Object> claims(Object acr, Object authTime) {
		Map<String, Object> claims = new HashMap<>();
		claims.put("acr", acr);
		claims.put("auth_time", authTime);
		claims.values().removeIf(java.util.Objects::isNull);
		return claims;
	}

	@Test
	void rankedLevelsAcceptTheLevelAndAbove() {
		StepUp mfa = new StepUp("mfa", null);
		assertThatCode(() -> this.ranked.check(mfa, claims("mfa", null))).doesNotThrowAnyException();
		assertThatCode(() -> this.ranked.check(mfa, claims("phr", null))).doesNotThrowAnyException();
		assertThatExceptionOfType(InsufficientUserAuthenticationException.class)
			.isThrownBy(() -> this.ranked.check(mfa, claims("pwd", null)))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.acrValues()).isEqualTo("mfa phr"));
	}

	@Test
	void withoutLevelsOnlyTheExactValuePasses() {
		StepUp mfa = new StepUp("mfa", null);
		assertThatCode(() -> this.exact.check(mfa, claims("mfa", null))).doesNotThrowAnyException();
		assertThatExceptionOfType(InsufficientUserAuthenticationException.class)
			.isThrownBy(() -> this.exact.check(mfa, claims("phr", null)))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.acrValues()).isEqualTo("mfa"))
			.withMessage("This endpoint requires a sign-in at level mfa");
	}

	@Test
	void theMaximumAgeCountsTheClockSkew() {
		StepUp fiveMinutes = new StepUp(null, Duration.ofMinutes(5));
		long now = NOW.getEpochSecond();
		assertThatCode(() -> this.ranked.check(fiveMinutes, claims(null, now - 360))).doesNotThrowAnyException();
		assertThatExceptionOfType(InsufficientUserAuthenticationException.class)
			.isThrownBy(() -> this.ranked.check(fiveMinutes, claims(null, now - 361)))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.maxAge()).isEqualTo(300L))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.acrValues()).isNull());
	}

	@Test
	void aFutureOrWrongTypedSignInIsAnInvalidToken() {
		StepUp fiveMinutes = new StepUp(null, Duration.ofMinutes(5));
		assertThatExceptionOfType(InvalidBearerTokenException.class)
			.isThrownBy(() -> this.ranked.check(fiveMinutes, claims(null, NOW.getEpochSecond() + 61)))
			.withMessage(DecoderOracle.AUTH_TIME_IN_FUTURE);
		assertThatCode(() -> this.ranked.check(fiveMinutes, claims(null, NOW.getEpochSecond() + 60)))
			.doesNotThrowAnyException();
		assertThatExceptionOfType(InvalidBearerTokenException.class)
			.isThrownBy(() -> this.ranked.check(new StepUp("mfa", null), claims(true, null)))
			.withMessage(DecoderOracle.ACR);
	}

}
