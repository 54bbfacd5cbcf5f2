package dev.warden.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.test.Challenges;
import dev.warden.test.DPoPKey;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.TestToken;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step-up authentication (RFC 9470) on the sample's refund endpoint, over real HTTP: it needs
 * {@code orders:write}, a sign-in at {@code mfa} or above (levels {@code pwd, mfa, phr}) and at most
 * 300 s old. Every answer: levels, age, missing and wrong-typed claims, the order against scopes and
 * bad tokens, and the {@code DPoP} scheme.
 * <p>
 * Written once and run against both samples ({@code SampleApiStepUpTest} on Spring MVC,
 * {@code SampleApiReactiveStepUpTest} on WebFlux).
 */
public abstract class SampleApiStepUpContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	static final String REFUND = "/api/orders/1/refund";

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	private TestToken writer() {
		return issuer.token().scopes("orders:write");
	}

	private Answer refund(String token) {
		return this.http.send("POST", REFUND, token, "application/json", "{}");
	}

	private static void assertStepUp(Answer answer, String description, String parameters) {
		assertThat(answer.status()).as("%s", answer).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(Challenges.withMetadata(
				"Bearer error=\"insufficient_user_authentication\", error_description=\"" + description + "\", "
						+ parameters));
		assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(answer.body()).contains("\"status\":401", "\"error\":\"insufficient_user_authentication\"",
				"\"detail\":\"" + description + "\"");
	}

	@Test
	void aRecentMfaSignInRefundsAnExistingOrder() {
		Answer answer = refund(writer().acr("mfa").authTime(Instant.now().minusSeconds(30)).sign());
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("{\"id\":1,\"refunded\":true}");
	}

	@Test
	void aStrongerLevelPassesToo() {
		assertThat(refund(writer().acr("phr").authTime(Instant.now()).sign()).status()).isEqualTo(200);
	}

	@Test
	void aWeakerLevelIsToldWhichLevelsWouldDo() {
		assertStepUp(refund(writer().acr("pwd").authTime(Instant.now()).sign()),
				"This endpoint requires a sign-in at level mfa or above", "acr_values=\"mfa phr\", max_age=\"300\"");
	}

	@Test
	void aLevelOutsideTheOperatorsListDoesNotPass() {
		assertStepUp(refund(writer().acr("otp").authTime(Instant.now()).sign()),
				"This endpoint requires a sign-in at level mfa or above", "acr_values=\"mfa phr\", max_age=\"300\"");
		assertStepUp(refund(writer().authTime(Instant.now()).sign()),
				"This endpoint requires a sign-in at level mfa or above", "acr_values=\"mfa phr\", max_age=\"300\"");
	}

	@Test
	void anOldSignInIsToldTheMaximumAge() {
		assertStepUp(refund(writer().acr("mfa").authTime(Instant.now().minus(Duration.ofMinutes(10))).sign()),
				"This endpoint requires a sign-in within the last 300 seconds", "acr_values=\"mfa phr\", max_age=\"300\"");
	}

	@Test
	void aSignInJustWithinTheAgeAndSkewPasses() {
		// 300 s plus the 60 s clock skew
		assertThat(refund(writer().acr("mfa").authTime(Instant.now().minusSeconds(350)).sign()).status())
			.isEqualTo(200);
	}

	@Test
	void aMissingSignInTimeFailsTheMaximumAge() {
		assertStepUp(refund(writer().acr("mfa").sign()), "This endpoint requires the time of the sign-in (auth_time)",
				"acr_values=\"mfa phr\", max_age=\"300\"");
	}

	@Test
	void claimsOfTheWrongTypeAreInvalidTokensNotServerErrors() {
		assertInvalidToken(refund(writer().claim("acr", 42).authTime(Instant.now()).sign()),
				DecoderOracle.ACR);
		assertInvalidToken(refund(writer().acr("mfa").claim("auth_time", "yesterday").sign()),
				DecoderOracle.AUTH_TIME_NOT_A_NUMBER);
		assertInvalidToken(refund(writer().acr("mfa").claim("auth_time", List.of(1)).sign()),
				DecoderOracle.AUTH_TIME_NOT_A_NUMBER);
		assertInvalidToken(refund(writer().acr("mfa").claim("auth_time", -5).sign()),
				DecoderOracle.AUTH_TIME_OUT_OF_RANGE);
	}

	@Test
	void aSignInInTheFutureIsAnInvalidToken() {
		assertInvalidToken(refund(writer().acr("mfa").authTime(Instant.now().plusSeconds(600)).sign()),
				DecoderOracle.AUTH_TIME_IN_FUTURE);
	}

	@Test
	void aMissingScopeIsA403BeforeAnyStepUp() {
		Answer answer = refund(issuer.token().scopes("orders:read").acr("pwd").sign());
		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"");
	}

	@Test
	void noTokenOrABadOneIsA401InvalidTokenBeforeAnyStepUp() {
		assertThat(refund(null).status()).isEqualTo(401);
		assertThat(refund(null).header("WWW-Authenticate")).matches(Challenges.withMetadata("Bearer"));
		assertInvalidToken(refund(writer().acr("pwd").expiresIn(Duration.ofMinutes(-10))
			.issuedAt(Instant.now().minusSeconds(900)).sign()), DecoderOracle.EXPIRED);
	}

	@Test
	void underTheDPoPSchemeTheChallengeIsADPoPChallenge() {
		DPoPKey key = DPoPKey.ec();
		String token = writer().acr("pwd").authTime(Instant.now()).boundTo(key).sign();
		String proof = key.proof("POST", "http://127.0.0.1:" + this.port + REFUND, token);
		Answer answer = this.http.raw(REFUND,
				List.of("Authorization: DPoP " + token, "DPoP: " + proof, "Content-Type: application/json",
						"Content-Length: 0"),
				"POST");
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(Challenges.withMetadata(
				"DPoP error=\"insufficient_user_authentication\", error_description=\"This endpoint requires a sign-in "
						+ "at level mfa or above\", acr_values=\"mfa phr\", max_age=\"300\", algs=\"ES256 ES384 ES512 "
						+ "PS256 PS384 PS512 RS256 RS384 RS512\""));
	}

	@Test
	void anUnknownOrderIsA404AfterTheChecks() {
		Answer answer = this.http.send("POST", "/api/orders/999/refund",
				writer().acr("mfa").authTime(Instant.now()).sign(), "application/json", "{}");
		assertThat(answer.status()).isEqualTo(404);
	}

	@Test
	void otherEndpointsNeedNoStepUp() {
		assertThat(this.http.get("/api/orders", issuer.token().scopes("orders:read").acr("pwd").sign()).status())
			.isEqualTo(200);
	}

	@Test
	void theInventoryShowsTheRequirement() {
		Answer answer = this.http.get("/actuator/warden", issuer.token().scopes("actuator").sign());
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("\"stepUp\":{\"acr\":\"mfa\",\"maxAgeSeconds\":300}");
	}

	private static void assertInvalidToken(Answer answer, String description) {
		assertThat(answer.status()).as("%s", answer).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(
				Challenges.withMetadata("Bearer error=\"invalid_token\", error_description=\"" + description + "\""));
	}

}
