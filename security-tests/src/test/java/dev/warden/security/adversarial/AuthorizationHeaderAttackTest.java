package dev.warden.security.adversarial;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.support.Expect;
import dev.warden.security.support.MainAppTest;
import dev.warden.security.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code Authorization} header and other places a token could be smuggled in, over raw
 * sockets so that any spelling reaches the server. Expected answers are the normative table of
 * docs/security-model.md ("Where the token is read from"). Sources: RFC 6750 §2.1-§2.3, §3.1;
 * RFC 9110 §11.1 (case-insensitive schemes), §5.3 (repeated fields); RFC 9700 §4.3.2 (no tokens in
 * URLs); RFC 9449 (DPoP); request smuggling of duplicate credentials (CWE-444).
 */
class AuthorizationHeaderAttackTest extends MainAppTest {

	private static final String NO_TOKEN_GIVEN = "The Authorization header names the Bearer scheme but no token.";

	private static final String SEVERAL = "The request has several Authorization headers.";

	private String token() {
		return issuer.token().scopes("data:read data:write").sign();
	}

	// RFC 9110 §11.1: the scheme is case-insensitive; extra spaces and trailing whitespace are tolerated
	@ParameterizedTest(name = "prefix [{0}]")
	@ValueSource(strings = { "Bearer ", "bearer ", "BEARER ", "BeArEr ", "bEARER ", "Bearer    " })
	void schemeInAnyCaseAndExtraSpacesAreAccepted(String prefix) {
		String token = token();
		Reply reply = this.client.raw("/api/data", List.of("Authorization: " + prefix + token + " \t "));
		Expect.ok(reply);
		Expect.notSlowerThan(reply, Expect.HOSTILE_LIMIT);
	}

	// docs: "Bearer" followed by something other than a space is another scheme
	@ParameterizedTest(name = "header [{0}]")
	@ValueSource(strings = { "Bearer\tTOKEN", "BearerTOKEN", "Bearer-TOKEN", "Bearer:TOKEN", "Bearer,TOKEN", "XBearer TOKEN",
			"Bearer_ TOKEN", "Bear TOKEN", "Bearers TOKEN", "\"Bearer\" TOKEN" })
	void bearerGluedToSomethingElseIsAnotherScheme(String value) {
		Expect.noToken(this.client.raw("/api/data", List.of("Authorization: " + value.replace("TOKEN", token()))));
	}

	// RFC 6750 §3.1: invalid_request for a Bearer header without a token
	@ParameterizedTest(name = "header [{0}]")
	@ValueSource(strings = { "Bearer", "bearer", "Bearer ", "Bearer      ", "BEARER \t " })
	void bearerWithoutTokenIsInvalidRequest(String value) {
		Expect.invalidRequest(this.client.raw("/api/data", List.of("Authorization: " + value)), NO_TOKEN_GIVEN);
	}

	@Test
	void emptyAuthorizationHeaderIsNoToken() {
		Expect.noToken(this.client.raw("/api/data", List.of("Authorization: ")));
		Expect.noToken(this.client.raw("/api/data", List.of("Authorization:")));
	}

	// RFC 9110 §5.3, CWE-444: two credentials in one request, whichever the schemes and spellings
	@Test
	void severalAuthorizationHeadersAreInvalidRequest() {
		String token = token();
		for (List<String> lines : List.of(List.of("Authorization: Bearer " + token, "Authorization: Bearer " + token),
				List.of("Authorization: Bearer " + token, "authorization: Bearer garbage"),
				List.of("Authorization: Basic dXNlcjpwYXNz", "Authorization: Bearer " + token),
				List.of("Authorization: Bearer " + token, "AUTHORIZATION: Basic dXNlcjpwYXNz"),
				List.of("Authorization: Bearer " + token, "Authorization: "),
				List.of("Authorization: Bearer " + token, "Authorization: Bearer " + token, "Authorization: Bearer " + token))) {
			Reply reply = this.client.raw("/api/data", lines);
			Expect.invalidRequest(reply, SEVERAL);
			assertThat(reply.body()).doesNotContain("secret-data");
		}
	}

	// a comma-joined list in one header is one (malformed) token, never two credentials
	@Test
	void commaJoinedCredentialsAreOneMalformedToken() {
		String token = token();
		Expect.invalidToken(this.client.raw("/api/data", List.of("Authorization: Bearer " + token + ", Bearer " + token)),
				"The bearer token is malformed.");
		Expect.invalidToken(this.client.raw("/api/data", List.of("Authorization: Bearer " + token + ",Basic x")),
				"The bearer token is malformed.");
	}

	// docs: schemes other than Bearer and DPoP are treated as no token
	@ParameterizedTest(name = "scheme {0}")
	@ValueSource(strings = { "Basic dXNlcjpwYXNz", "Basic TOKEN", "Digest username=\"alice\", response=\"TOKEN\"",
			"DPoPx TOKEN", "Token TOKEN", "MAC id=\"x\"", "Negotiate TOKEN", "NTLM TOKEN", "OAuth TOKEN", "JWT TOKEN",
			"TOKEN", "HOBA result=\"x\"", "AWS4-HMAC-SHA256 Credential=x" })
	void otherSchemesAreNoToken(String value) {
		String header = "Authorization: " + value.replace("TOKEN", token());
		Expect.noToken(this.client.raw("/api/data", List.of(header)));
		Expect.noToken(this.client.raw("/api/data", List.of(header, "DPoP: e30.e30.e30")));
	}

	// RFC 9449: a DPoP header with a Bearer token does not change the Bearer handling
	@Test
	void dpopProofNextToABearerTokenDoesNotMatter() {
		Expect.ok(this.client.raw("/api/data", List.of("Authorization: Bearer " + token(), "DPoP: e30.e30.e30")));
	}

	// RFC 9700 §4.3.2, RFC 6750 §2.3: tokens in the URL are never read
	@Test
	void tokenInTheQueryStringIsIgnored() {
		String token = token();
		Expect.noToken(this.client.raw("/api/data?access_token=" + token, List.of()));
		Expect.noToken(this.client.raw("/api/data?access_token=" + token + "&token=" + token + "&id_token=" + token, List.of()));
		// and does not override a header token either way
		Expect.ok(this.client.raw("/api/data?access_token=garbage", List.of("Authorization: Bearer " + token)));
		Expect.invalidToken(this.client.raw("/api/data?access_token=" + token, List.of("Authorization: Bearer garbage.x.y")),
				DecoderOracle.MALFORMED);
		this.trail.remember(token);
	}

	// RFC 9700 §4.3.2, RFC 6750 §2.2: tokens in a form body are never read
	@Test
	void tokenInAFormBodyIsIgnored() {
		String token = token();
		String form = "access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
		Expect.noToken(this.client.send("POST", "/api/data", null, "application/x-www-form-urlencoded", form));
		Expect.noToken(this.client.send("POST", "/api/data", null, "multipart/form-data; boundary=x",
				"--x\r\nContent-Disposition: form-data; name=\"access_token\"\r\n\r\n" + token + "\r\n--x--\r\n"));
		this.trail.remember(token);
	}

	// other headers that proxies or frameworks sometimes read tokens from
	@ParameterizedTest(name = "header {0}")
	@ValueSource(strings = { "X-Authorization", "Proxy-Authorization", "X-Access-Token", "X-Forwarded-Authorization",
			"Authentication", "Cookie" })
	void tokenInOtherHeadersIsIgnored(String name) {
		String token = token();
		String value = name.equals("Cookie") ? "access_token=" + token : "Bearer " + token;
		Expect.noToken(this.client.raw("/api/data", List.of(name + ": " + value)));
		this.trail.remember(token);
	}

	// very long header values: under the container limit Warden answers, over it the container does; never a 5xx
	@Test
	void veryLongHeaderValuesAreAnsweredWithoutServerErrors() {
		Expect.noToken(this.client.raw("/api/data", List.of("Authorization: Basic " + "A".repeat(7000))));
		Expect.invalidToken(this.client.raw("/api/data", List.of("Authorization: Bearer " + "A".repeat(7000))),
				"The access token is too large.");
		Expect.invalidRequest(this.client.raw("/api/data", List.of("Authorization: Bearer" + " ".repeat(7000))), NO_TOKEN_GIVEN);
		Expect.invalidToken(this.client.raw("/api/data", List.of("Authorization: Bearer " + "=".repeat(7000))),
				"The access token is too large.");
		Expect.invalidToken(this.client.raw("/api/data", List.of("Authorization: Bearer " + "=".repeat(100))),
				"The bearer token is malformed.");
		for (String value : List.of("Bearer " + "A".repeat(64 * 1024), "Basic " + "A".repeat(64 * 1024))) {
			Reply reply = this.client.raw("/api/data", List.of("Authorization: " + value));
			Expect.wellBehaved(reply);
			assertThat(reply.status()).isEqualTo(400);
		}
		Reply manyHeaders = this.client.raw("/api/data",
				java.util.stream.IntStream.range(0, 90).mapToObj((i) -> "X-Filler-" + i + ": " + "f".repeat(80)).toList());
		Expect.wellBehaved(manyHeaders);
	}

	// control characters and obsolete line folding in the header
	@Test
	void controlCharactersAndLineFoldingAreRefusedWithoutServerErrors() {
		String token = token();
		for (String value : List.of("Bearer " + token + "\u0000", "Bearer \u0000" + token, "Bearer " + token.substring(0, 20)
				+ "\u0007" + token.substring(20), "Bearer\u000b" + token, "Bearer " + token + "\r\n continued")) {
			Reply reply = this.client.raw("/api/data", List.of("Authorization: " + value));
			Expect.wellBehaved(reply);
			assertThat(reply.status()).as("%s", reply).isIn(400, 401);
			assertThat(reply.body()).doesNotContain("secret-data");
		}
	}

	// a public endpoint ignores every Authorization header, however hostile
	@Test
	void publicEndpointIgnoresHostileHeaders() {
		for (List<String> lines : List.of(List.of("Authorization: Bearer"), List.of("Authorization: Bearer a", "Authorization: Bearer b"),
				List.of("Authorization: Bearer " + "a".repeat(7000)), List.of("Authorization: Bearer $$$"),
				List.of("Authorization: DPoP " + token()))) {
			Reply reply = this.client.raw("/public/ping", lines);
			Expect.wellBehaved(reply);
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.body()).isEqualTo("pong");
		}
	}

	// the request method does not change the rules
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE" })
	void everyMethodNeedsAToken(String method) {
		Reply reply = this.client.raw(method, "/api/data", List.of("Content-Length: 0"));
		Expect.wellBehaved(reply);
		if (method.equals("TRACE")) {
			// the container refuses TRACE before any filter runs
			assertThat(reply.status()).isIn(401, 405);
			return;
		}
		assertThat(reply.status()).as("%s %s", method, reply).isEqualTo(401);
		if (!method.equals("HEAD")) {
			assertThat(reply.headers("WWW-Authenticate")).as("%s %s", method, reply).hasSize(1);
			assertThat(reply.header("WWW-Authenticate")).as("%s %s", method, reply).matches(Expect.challenge("Bearer"));
		}
	}

}
