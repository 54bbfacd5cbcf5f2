package dev.warden.scope;

import java.util.List;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.scope.app.ScopeTestApplication;
import dev.warden.test.BearerAnswers;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way of declaring access, enforced over real HTTP with real tokens: all-of, any-of,
 * meta-annotations, class- versus method-level, {@code @PermitAll}, undeclared endpoints, and the
 * answers that must not be hidden behind a 403 (404, 405, CORS preflight).
 */
@SpringBootTest(classes = ScopeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "warden.audiences=" + TestIssuer.AUDIENCE)
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class ScopeEnforcementTest {

	static final TestIssuer issuer = TestIssuer.start();

	@DynamicPropertySource
	static void warden(DynamicPropertyRegistry registry) {
		registry.add("warden.issuer", issuer::issuer);
		registry.add("warden.jwks-uri", () -> issuer.jwksUri().toString());
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	private Answer get(String path, String scopes) {
		return this.http.get(path, issuer.token().scopes(scopes).sign());
	}

	private static void assertDenied(Answer answer, String description, String scope) {
		BearerAnswers.insufficientScope(answer, description, scope);
		assertThat(answer.body()).doesNotContain("swallowed");
	}

	@Test
	void classLevelRequirementApplies() {
		assertThat(get("/t/class-level", "class:scope").body()).isEqualTo("class-level");
		assertDenied(get("/t/class-level", "other"),
				"The access token lacks a scope this endpoint requires (all of: class:scope).", "class:scope");
	}

	@Test
	void methodDeclarationWinsOverTheClass() {
		assertDenied(get("/t/method-wins", "class:scope"),
				"The access token lacks a scope this endpoint requires (all of: method:scope).", "method:scope");
		assertThat(get("/t/method-wins", "method:scope").status()).isEqualTo(200);
	}

	@Test
	void allOfNeedsEveryScope() {
		assertDenied(get("/t/all", "a"), "The access token lacks a scope this endpoint requires (all of: a b).", "a b");
		assertDenied(get("/t/all", "b"), "The access token lacks a scope this endpoint requires (all of: a b).", "a b");
		assertThat(get("/t/all", "b a").status()).isEqualTo(200);
	}

	@Test
	void anyOfNeedsOneScopeAndNamesAll() {
		assertDenied(get("/t/any", "c"), "The access token lacks a scope this endpoint requires (one of: a b).", "a b");
		assertThat(get("/t/any", "a").status()).isEqualTo(200);
		assertThat(get("/t/any", "b").status()).isEqualTo(200);
	}

	@Test
	void metaAnnotationIsHonoured() {
		assertDenied(get("/t/meta", "class:scope"),
				"The access token lacks a scope this endpoint requires (one of: team:read team:admin).",
				"team:read team:admin");
		assertThat(get("/t/meta", "team:admin").body()).isEqualTo("meta");
	}

	@Test
	void authenticatedNeedsNoScope() {
		assertThat(get("/t/authenticated", "").status()).isEqualTo(200);
		BearerAnswers.missingToken(this.http.get("/t/authenticated", null));
	}

	@Test
	void permitAllNeedsNoTokenAndIgnoresABadOne() {
		assertThat(this.http.get("/t/permit-all", null).body()).isEqualTo("permit-all");
		assertThat(this.http.get("/t/permit-all", "garbage").status()).isEqualTo(200);
	}

	@Test
	void undeclaredEndpointIsDeniedWithoutScopeAttribute() {
		assertDenied(get("/undeclared", "a b class:scope"),
				"This endpoint declares no access rule, so it is denied by default.", null);
	}

	@Test
	void noTokenIs401BeforeAnyScopeDecision() {
		BearerAnswers.missingToken(this.http.get("/t/all", null));
		BearerAnswers.missingToken(this.http.get("/undeclared", null));
	}

	@Test
	void anEndpointRequiringDPoPRefusesABearerTokenWithADPoPChallenge() {
		Answer answer = this.http.get("/t/dpop", issuer.token().scopes("a").sign());
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(dev.warden.test.Challenges.withMetadata(
				"DPoP error=\"invalid_token\", error_description=\"This endpoint accepts only DPoP-bound access "
						+ "tokens\", algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\""));
		// other endpoints still take bearer tokens
		assertThat(this.http.get("/t/all", issuer.token().scopes("a", "b").sign()).status()).isEqualTo(200);
	}

	@Test
	void anEndpointRequiringDPoPServesADPoPBoundTokenWithItsProof() {
		dev.warden.test.DPoPKey key = dev.warden.test.DPoPKey.ec();
		String token = issuer.token().scopes("a").boundTo(key).sign();
		String proof = key.proof("GET", "http://127.0.0.1:" + this.port + "/t/dpop", token);
		Answer answer = this.http.raw("/t/dpop", List.of("Authorization: DPoP " + token, "DPoP: " + proof));
		assertThat(answer.status()).as("%s", answer).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("dpop");
		// a token without the scope is still a 403, not a DPoP challenge
		String reader = issuer.token().scopes("x").boundTo(key).sign();
		Answer denied = this.http.raw("/t/dpop", List.of("Authorization: DPoP " + reader,
				"DPoP: " + key.proof("GET", "http://127.0.0.1:" + this.port + "/t/dpop", reader)));
		assertThat(denied.status()).isEqualTo(403);
	}

	@Test
	void theApplicationsValidatorsRunAfterWardensAndTheirSentenceIsTheAnswer() {
		Answer blocked = this.http.get("/t/all", issuer.token().scopes("a", "b").claim("tenant", "blocked").sign());
		assertThat(blocked.status()).isEqualTo(401);
		assertThat(blocked.header("WWW-Authenticate")).matches(dev.warden.test.Challenges.withMetadata(
				"Bearer error=\"invalid_token\", error_description=\"The token's tenant is not served here\""));
		// Warden's checks come first: an expired token of that tenant is told it expired
		Answer expired = this.http.get("/t/all", issuer.token().scopes("a", "b").claim("tenant", "blocked")
			.issuedAt(java.time.Instant.now().minusSeconds(900)).expiresIn(java.time.Duration.ofMinutes(-10)).sign());
		assertThat(expired.header("WWW-Authenticate")).contains("error_description=\"The access token expired\"");
	}

	@Test
	void aValidatorThatThrowsRefusesTheTokenWithoutA500OrItsMessage(CapturedOutput output) {
		Answer answer = this.http.get("/t/all", issuer.token().scopes("a", "b").claim("tenant", "explode").sign());
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(dev.warden.test.Challenges.withMetadata(
				"Bearer error=\"invalid_token\", error_description=\"The access token is not accepted\""));
		assertThat(output.getAll()).contains("threw java.lang.IllegalStateException; tokens it throws on are refused")
			.doesNotContain("this message quotes a claim value");
	}

	@Test
	void anEndpointRequiringDPoPChallengesWithDPoPEvenWithoutAToken() {
		Answer answer = this.http.get("/t/dpop", null);
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(dev.warden.test.Challenges.withMetadata(
				"DPoP algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\""));
		assertThat(this.http.get("/t/all", null).header("WWW-Authenticate"))
			.matches(dev.warden.test.Challenges.withMetadata("Bearer"));
	}

	@Test
	void theApplicationsValidatorsRunOnCachedTokensToo() {
		String token = issuer.token().scopes("a", "b").sign();
		assertThat(this.http.get("/t/all", token).status()).isEqualTo(200);
		ScopeTestApplication.REFUSE_ALL.set(true);
		try {
			assertThat(this.http.get("/t/all", token).status()).isEqualTo(401);
		}
		finally {
			ScopeTestApplication.REFUSE_ALL.set(false);
		}
		assertThat(this.http.get("/t/all", token).status()).isEqualTo(200);
	}

	@Test
	void badTokenIs401BeforeAnyScopeDecision() {
		BearerAnswers.invalidToken(this.http.get("/t/all", "not.a.token"), DecoderOracle.MALFORMED);
	}

	@Test
	void wrongMethodIs405NotHiddenBehind403() {
		assertThat(get("/t/post-only", "a").status()).isEqualTo(405);
		assertThat(this.http.send("POST", "/t/post-only", issuer.token().scopes("a").sign(), null, null).status())
			.isEqualTo(200);
	}

	@Test
	void anInheritedHandlerMethodKeepsEachControllersOwnRule() {
		assertThat(get("/inherit/a/list", "a").body()).isEqualTo("ListingA");
		assertDenied(get("/inherit/b/list", "a"), "The access token lacks a scope this endpoint requires (all of: b).", "b");
		assertThat(get("/inherit/b/list", "b").body()).isEqualTo("ListingB");
		assertDenied(get("/inherit/a/list", "b"), "The access token lacks a scope this endpoint requires (all of: a).", "a");
	}

	@Test
	void unknownPathIs404() {
		assertThat(get("/t/nothing-here", "a").status()).isEqualTo(404);
	}

	@Test
	void controllerAdviceCannotSwallowADenial() {
		assertDenied(get("/t/throws", "b"), "The access token lacks a scope this endpoint requires (all of: a).", "a");
		assertThat(get("/t/throws", "a").body()).isEqualTo("swallowed IllegalStateException");
	}

	@Test
	void corsPreflightPassesWhereCorsIsConfigured() {
		Answer answer = this.http.raw("/t/all",
				List.of("Origin: https://app.example", "Access-Control-Request-Method: GET"), "OPTIONS");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
	}

	@Test
	void corsPreflightWithoutCorsConfigurationNeedsAToken() {
		BearerAnswers.missingToken(this.http.raw("/undeclared",
				List.of("Origin: https://app.example", "Access-Control-Request-Method: GET"), "OPTIONS"));
	}

}
