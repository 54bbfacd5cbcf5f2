package dev.warden.sample;

import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.test.BearerAnswers;
import dev.warden.test.Challenges;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import dev.warden.test.WithWardenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample API's contract over real HTTP on a random port, with a real JWKS endpoint: status,
 * {@code WWW-Authenticate} and body of the main answers. Written once and run against both samples
 * ({@code SampleApiHttpTest} on Spring MVC, {@code SampleApiReactiveHttpTest} on WebFlux): a
 * subclass names the application with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and
 * {@code @WithWardenIssuer(audience = "orders-api", introspection = true)}.
 */
public abstract class SampleApiContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	private static void assertInvalidToken(Answer answer, String description) {
		BearerAnswers.invalidToken(answer, description);
	}

	private static void assertNoToken(Answer answer) {
		BearerAnswers.missingToken(answer);
	}

	@Test
	void publicPingNeedsNoToken() {
		Answer answer = this.http.get("/public/ping", null);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("pong");
	}

	@Test
	void publicPingIgnoresAnExpiredOrGarbageToken() {
		String expired = issuer.token().expiresAt(Instant.now().minusSeconds(3600)).sign();
		assertThat(this.http.get("/public/ping", expired).status()).isEqualTo(200);
		assertThat(this.http.raw("/public/ping", List.of("Authorization: Bearer", "Authorization: Basic x")).status())
			.isEqualTo(200);
	}

	@Test
	void healthIsPublic() {
		assertThat(this.http.get("/actuator/health", null).status()).isEqualTo(200);
	}

	@Test
	void ordersWithoutTokenIs401WithoutError() {
		assertNoToken(this.http.get("/api/orders", null));
	}

	@Test
	void ordersWithValidTokenIs200Json() {
		Answer answer = this.http.get("/api/orders", issuer.token().scopes("orders:read").sign());
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.body()).startsWith("[").contains("\"item\":\"coffee beans\"");
		assertThat(answer.header("Set-Cookie")).isNull();
	}

	@Test
	void orderByIdIs200() {
		Answer answer = this.http.get("/api/orders/1", issuer.token().scopes("orders:read").sign());
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("\"id\":1");
	}

	@Test
	void es256TokenIsAccepted() {
		assertThat(this.http.get("/api/orders", issuer.token().es256().scopes("orders:read").sign()).status()).isEqualTo(200);
	}

	@Test
	void postWithTokenIs201WithoutCsrf() {
		Answer answer = this.http.send("POST", "/api/orders", issuer.token().scopes("orders:write").sign(), "application/json",
				"{\"item\":\"mugs\",\"quantity\":4}");
		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.body()).contains("\"item\":\"mugs\"");
	}

	@Test
	void postWithoutTokenIs401NotACsrf403() {
		assertNoToken(this.http.send("POST", "/api/orders", null, "application/json", "{}"));
	}

	@Test
	void deleteWithTokenIs204() {
		assertThat(this.http.send("DELETE", "/api/orders/998", issuer.token().scopes("orders:admin").sign(), null, null).status())
			.isEqualTo(204);
	}

	@Test
	void meNamesSubjectClientAndScopes() {
		Answer answer = this.http.get("/api/me",
				issuer.token().claim("client_id", "orders-reader").scopes("orders:read orders:write").sign());
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo(
				"{\"sub\":\"alice\",\"client_id\":\"orders-reader\",\"scopes\":[\"orders:read\",\"orders:write\"]}");
	}

	@Test
	void machineTokenWithoutSubIsNamedByClientId() {
		Answer answer = this.http.get("/api/me", issuer.token().without("sub").claim("client_id", "orders-reader").sign());
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("\"sub\":null", "\"client_id\":\"orders-reader\"");
	}

	@Test
	void tokenNamingNeitherSubNorClientIsInvalid() {
		assertInvalidToken(this.http.get("/api/me", issuer.token().without("sub").sign()),
				"The token names no subject (sub) or client (client_id)");
	}

	@Test
	void expiredTokenSaysItExpired() {
		String token = issuer.token().expiresAt(Instant.now().minusSeconds(600)).sign();
		Answer answer = this.http.get("/api/orders", token);
		assertInvalidToken(answer, DecoderOracle.EXPIRED);
		assertThat(answer.body()).doesNotContain(token).doesNotContain(token.split("\\.")[1]);
	}

	@Test
	void tamperedTokenIs401() {
		String token = issuer.token().sign();
		String tampered = token.substring(0, token.length() - 10) + ((token.charAt(token.length() - 10) == 'A') ? 'B' : 'A')
				+ token.substring(token.length() - 9);
		assertInvalidToken(this.http.get("/api/orders", tampered), DecoderOracle.SIGNATURE);
	}

	@Test
	void unknownKidIs401() throws Exception {
		RSAKey other = new RSAKeyGenerator(2048).keyID("not-published").generate();
		assertInvalidToken(this.http.get("/api/orders", issuer.token().signedWith(other).sign()),
				DecoderOracle.NO_KEY);
	}

	@Test
	void wrongAudienceIs401() {
		assertInvalidToken(this.http.get("/api/orders", issuer.token().claim("aud", "billing-api").sign()),
				DecoderOracle.AUDIENCE);
	}

	@Test
	void scopeClaimOfWrongTypeIs401() {
		assertInvalidToken(this.http.get("/api/orders", issuer.token().claim("scope", 42).sign()),
				"The token's scope claim is not a string or an array of strings");
	}

	@Test
	void unknownPathWithValidTokenIs404NotHiddenBehind401() {
		Answer notFound = this.http.get("/api/nothing-here", issuer.token().sign());
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.headers("WWW-Authenticate")).isEmpty();
		assertNoToken(this.http.get("/api/nothing-here", null));
	}

	// Authorization header table (docs/security-model.md)

	@Test
	void severalAuthorizationHeadersAre400InvalidRequest() {
		String token = issuer.token().sign();
		Answer answer = this.http.raw("/api/orders",
				List.of("Authorization: Bearer " + token, "Authorization: Bearer " + token));
		BearerAnswers.invalidRequest(answer, "The request has several Authorization headers.");
		assertThat(answer.body()).doesNotContain(token);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Authorization: Bearer", "Authorization: Bearer    ", "Authorization: bearer " })
	void bearerWithoutTokenIs400InvalidRequest(String header) {
		BearerAnswers.invalidRequest(this.http.raw("/api/orders", List.of(header)),
				"The Authorization header names the Bearer scheme but no token.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bearer ", "BEARER ", "Bearer    ", "Bearer " })
	void schemeCaseAndExtraSpacesAreAccepted(String prefix) {
		String token = issuer.token().scopes("orders:read").sign();
		assertThat(this.http.raw("/api/orders", List.of("Authorization: " + prefix + token + "  ")).status())
			.isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Basic dXNlcjpwYXNz", "Digest username=\"x\"", "Bearerx abc", "Token abc" })
	void otherSchemesAreTreatedAsNoToken(String value) {
		assertNoToken(this.http.raw("/api/orders", List.of("Authorization: " + value)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc$def", "abc def", "=abc", "a,b", "\"quoted\"", "abc=def" })
	void charactersOutsideB64TokenAre401Malformed(String token) {
		assertInvalidToken(this.http.raw("/api/orders", List.of("Authorization: Bearer " + token)),
				"The bearer token is malformed.");
	}

	@Test
	void oversizedTokenIs401BeforeParsing() {
		assertInvalidToken(this.http.raw("/api/orders", List.of("Authorization: Bearer " + "a".repeat(7000))),
				"The access token is too large.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-an-object", "42" })
	void confirmationClaimOfTheWrongTypeIs401NotA500(String cnf) {
		Object value = cnf.equals("42") ? (Object) 42 : cnf;
		assertInvalidToken(this.http.get("/api/orders", issuer.token().scopes("orders:read").claim("cnf", value).sign()),
				DecoderOracle.CONFIRMATION);
	}

	@Test
	void dpopBoundTokenSentAsBearerIsRefusedWithoutA500() {
		Answer answer = this.http.get("/api/orders",
				issuer.token().scopes("orders:read").claim("cnf", java.util.Map.of("jkt", "abc")).sign());
		BearerAnswers.invalidToken(answer,
				"The access token is bound to a DPoP key; send it with the DPoP scheme and a proof");
	}

	@Test
	void unboundTokenUnderTheDPoPSchemeIsRefusedWithADPoPChallenge() {
		String token = issuer.token().scopes("orders:read").sign();
		Answer answer = this.http.raw("/api/orders", List.of("Authorization: DPoP " + token, "DPoP: e30.e30.e30"));
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(Challenges.withMetadata("DPoP error=\"invalid_token\", "
				+ "error_description=\"The access token is not bound to a DPoP key (cnf jkt); send it with the Bearer "
				+ "scheme\", algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\""));
		assertThat(this.http.raw("/public/ping", List.of("Authorization: DPoP " + token)).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { " ", "   ", "\t" })
	void aTypOfOnlySpacesIsNotAnAbsentTyp(String typ) {
		assertInvalidToken(this.http.get("/api/orders", issuer.token().scopes("orders:read").type(typ).sign()),
				DecoderOracle.TYPE);
	}

	@Test
	void aScopeClaimOfJsonNullIsAClaimOfTheWrongType() {
		assertInvalidToken(this.http.get("/api/orders", issuer.token().claim("scope", null).sign()),
				"The token's scope claim is not a string or an array of strings");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jkt", "x5t#S256" })
	void aConfirmationMemberThatIsNotAStringIs401NotA500(String member) {
		assertInvalidToken(this.http.get("/api/orders",
				issuer.token().scopes("orders:read").claim("cnf", java.util.Map.of(member, 42)).sign()),
				"The token's confirmation (cnf) claim has a malformed " + member);
	}

	@Test
	void tokenInQueryStringIsIgnored() {
		String token = issuer.token().sign();
		assertNoToken(this.http.get("/api/orders?access_token=" + token, null));
	}

	@Test
	void tokenInFormBodyIsIgnored() {
		String token = issuer.token().sign();
		assertNoToken(this.http.send("POST", "/api/orders", null, "application/x-www-form-urlencoded",
				"access_token=" + token));
	}

}
