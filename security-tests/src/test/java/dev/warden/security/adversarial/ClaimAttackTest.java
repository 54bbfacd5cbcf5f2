package dev.warden.security.adversarial;

import java.time.Instant;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.support.Claims;
import dev.warden.security.support.Expect;
import dev.warden.security.support.MainAppTest;
import dev.warden.security.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Claims of the wrong type, out of range, or nearly right, in tokens the issuer really signed
 * (a buggy or confused issuer, or a token minted for another purpose), over real HTTP with the
 * default 60 s skew. Exact skew boundaries are in {@link ClaimBoundaryTest}. Sources: RFC 7519
 * §2 (NumericDate), §4.1.1-§4.1.6; RFC 9068 §4 (iss, aud, exp); RFC 8725 §3.8 (issuer), §3.9
 * (audience); CVE-2026-22748 (Spring Security's NimbusJwtDecoder without issuer validation);
 * RFC 8693 §4.2 / RFC 9068 §2.2.3 (scope is a space-delimited string).
 */
class ClaimAttackTest extends MainAppTest {

	private static final String ISSUER_NOT_ACCEPTED = DecoderOracle.ISSUER;

	private static final String AUDIENCE_NOT_ACCEPTED = DecoderOracle.AUDIENCE;

	private static final String AUDIENCE_WRONG_TYPE = DecoderOracle.AUDIENCE_TYPE;

	private Reply send(Claims claims) {
		return this.client.bearer("/api/data", claims.signedBy(issuer));
	}

	private static long now() {
		return Instant.now().getEpochSecond();
	}

	@Test
	void unalteredClaimsAreAccepted() {
		Expect.ok(send(Claims.valid(issuer)));
	}

	// RFC 7519 §2: a NumericDate is a JSON number
	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', value = { "exp|\"9999999999\"", "exp|\"2099-01-01T00:00:00Z\"", "exp|true", "exp|false",
			"exp|{}", "exp|{\"$date\":9999999999}", "exp|[]", "exp|[9999999999]", "nbf|\"0\"", "nbf|true", "nbf|{}",
			"nbf|[0]", "iat|\"0\"", "iat|false", "iat|{\"t\":0}", "iat|[]" })
	void timeClaimOfAnotherJsonTypeIsMalformed(String claim, String json) {
		Expect.invalidToken(send(Claims.valid(issuer).raw(claim, json)), "The token's " + claim + " is not a number");
	}

	@Test
	void nullExpIsNoExpiry() {
		Expect.invalidToken(send(Claims.valid(issuer).raw("exp", "null")), DecoderOracle.NO_EXPIRY);
	}

	// RFC 7519 §4.1.5-§4.1.6: nbf and iat "MUST be a number"; null is not a NumericDate
	// (docs/security-model.md, Time claims: anything but a JSON number in range is refused as malformed)
	@ParameterizedTest(name = "{0} = null")
	@ValueSource(strings = { "nbf", "iat" })
	void nullNbfOrIatIsNotANumber(String claim) {
		Expect.invalidToken(send(Claims.valid(issuer).raw(claim, "null")), "The token's " + claim + " is not a number");
	}

	// RFC 7519 §2: range 0 .. 253402300799 (docs); never clamped, never overflowing
	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', value = { "exp|1e30", "exp|9223372036854775807", "exp|9223372036854775808",
			"exp|99999999999999999999999999999", "exp|1.7976931348623157e308", "exp|253402300800", "exp|-1", "exp|-1e30",
			"exp|-9223372036854775808", "nbf|1e30", "nbf|9223372036854775807", "nbf|-1", "nbf|-0.5", "iat|1e30",
			"iat|9223372036854775807", "iat|-1", "iat|-9223372036854775808" })
	void timeClaimOutOfRangeIsMalformed(String claim, String json) {
		Expect.invalidToken(send(Claims.valid(issuer).raw(claim, json)), "The token's " + claim + " is out of range");
	}

	// RFC 7519 §2: fractions are allowed
	@Test
	void fractionalTimeClaimsAreAccepted() {
		long now = now();
		Expect.ok(send(Claims.valid(issuer).raw("exp", (now + 300) + ".5").raw("nbf", (now - 10) + ".25")
			.raw("iat", (now - 1) + ".999999")));
		Expect.ok(send(Claims.valid(issuer).raw("exp", (now + 300) + "e0")));
	}

	// docs/security-model.md: exp up to 253402300799 (9999-12-31T23:59:59Z) is in range, so accepted; an exp more than
	// about 292 years ahead no longer fits a long count of nanoseconds, which must not turn into a 500
	@ParameterizedTest(name = "exp {0}")
	@ValueSource(strings = { "253402300799", "99999999999", "12000000000" })
	void expFarInTheFutureButInRangeIsAcceptedNotAServerError(String exp) {
		Expect.ok(send(Claims.valid(issuer).raw("exp", exp)));
	}

	// docs/security-model.md: with the default 60 s skew, 59 s after exp is accepted, 61 s is refused
	@Test
	void expiryIsCheckedWithTheSkewAndNoMore() {
		long now = now();
		// a few seconds inside and outside the 60 s skew (the exact boundary, to the nanosecond, is
		// ClaimBoundaryTest's, on a fixed clock): a busy machine may take a second between here and there
		Expect.ok(send(Claims.valid(issuer).raw("iat", Long.toString(now - 600)).raw("exp", Long.toString(now - 55))));
		Expect.invalidToken(send(Claims.valid(issuer).raw("iat", Long.toString(now - 600)).raw("exp", Long.toString(now - 65))),
				DecoderOracle.EXPIRED);
		Expect.invalidToken(send(Claims.valid(issuer).raw("iat", "0").raw("exp", "1")), DecoderOracle.EXPIRED);
		Expect.invalidToken(send(Claims.valid(issuer).raw("iat", "0").raw("exp", "0.5")), DecoderOracle.EXPIRED);
	}

	@Test
	void notBeforeAndIssuedAtAreCheckedWithTheSkewAndNoMore() {
		long now = now();
		Expect.ok(send(Claims.valid(issuer).raw("nbf", Long.toString(now + 58))));
		Expect.invalidToken(send(Claims.valid(issuer).raw("nbf", Long.toString(now + 62))), DecoderOracle.NOT_YET_VALID);
		Expect.invalidToken(send(Claims.valid(issuer).raw("nbf", "253402300799")), DecoderOracle.NOT_YET_VALID);
		Expect.ok(send(Claims.valid(issuer).raw("iat", Long.toString(now + 58))));
		Expect.invalidToken(send(Claims.valid(issuer).raw("iat", Long.toString(now + 62))),
				DecoderOracle.ISSUED_IN_FUTURE);
	}

	@Test
	void expNotAfterIatIsMalformed() {
		long now = now();
		Expect.invalidToken(send(Claims.valid(issuer).raw("iat", Long.toString(now)).raw("exp", Long.toString(now))),
				DecoderOracle.EXP_NOT_AFTER_IAT);
		Expect.invalidToken(send(Claims.valid(issuer).raw("iat", Long.toString(now + 30)).raw("exp", Long.toString(now + 20))),
				DecoderOracle.EXP_NOT_AFTER_IAT);
	}

	@Test
	void missingExpIsRefused() {
		Expect.invalidToken(send(Claims.valid(issuer).without("exp")), DecoderOracle.NO_EXPIRY);
	}

	// CVE-2026-22748 (decoders that did not check the issuer), RFC 9068 §4, RFC 8725 §3.8
	@Test
	void missingOrNullIssuerIsRefused() {
		Expect.invalidToken(send(Claims.valid(issuer).without("iss")), ISSUER_NOT_ACCEPTED);
		Expect.invalidToken(send(Claims.valid(issuer).raw("iss", "null")), ISSUER_NOT_ACCEPTED);
	}

	@ParameterizedTest(name = "iss {0}")
	@ValueSource(strings = { "42", "true", "{\"iss\":\"ISSUER\"}", "[\"ISSUER\"]", "[\"ISSUER\",\"ISSUER\"]", "[]", "{}",
			"[1,2]", "\"\"" })
	void issuerOfAnotherJsonTypeIsRefused(String json) {
		Expect.invalidToken(send(Claims.valid(issuer).raw("iss", json.replace("ISSUER", issuer.issuer()))),
				ISSUER_NOT_ACCEPTED);
	}

	// RFC 8725 §3.8: exact comparison, no normalisation
	@ParameterizedTest(name = "iss variant {0}")
	@ValueSource(strings = { "trailing slash", "upper-case scheme", "upper-case all", "leading space", "trailing space",
			"trailing tab", "trailing newline", "trailing NUL", "localhost", "https", "dot segment", "fragment", "query",
			"default port 80 added", "userinfo", "another port", "percent-encoded dot", "fullwidth digit" })
	void issuerNearMissesAreRefused(String variant) {
		String iss = issuer.issuer();
		String port = iss.substring(iss.lastIndexOf(':') + 1);
		String nearMiss = switch (variant) {
			case "trailing slash" -> iss + "/";
			case "upper-case scheme" -> "HTTP" + iss.substring(4);
			case "upper-case all" -> iss.toUpperCase();
			case "leading space" -> " " + iss;
			case "trailing space" -> iss + " ";
			case "trailing tab" -> iss + "\t";
			case "trailing newline" -> iss + "\n";
			case "trailing NUL" -> iss + "\u0000";
			case "localhost" -> "http://localhost:" + port;
			case "https" -> "https" + iss.substring(4);
			case "dot segment" -> iss + "/.";
			case "fragment" -> iss + "#";
			case "query" -> iss + "?";
			case "default port 80 added" -> iss + ":80";
			case "userinfo" -> "http://" + iss.substring(7).replace("127.0.0.1", "user@127.0.0.1");
			case "another port" -> "http://127.0.0.1:1";
			case "percent-encoded dot" -> iss.replace("127.0.0.1", "127%2e0.0.1");
			case "fullwidth digit" -> iss.replace("127.0.0.1", "\uff11\uff12\uff17.0.0.1");
			default -> throw new IllegalArgumentException(variant);
		};
		Expect.invalidToken(send(Claims.valid(issuer).string("iss", nearMiss)), ISSUER_NOT_ACCEPTED);
	}

	// RFC 9068 §4, RFC 8725 §3.9
	@Test
	void missingOrNullAudienceIsRefused() {
		Expect.invalidToken(send(Claims.valid(issuer).without("aud")), DecoderOracle.NO_AUDIENCE);
		Expect.invalidToken(send(Claims.valid(issuer).raw("aud", "null")), DecoderOracle.NO_AUDIENCE);
	}

	@ParameterizedTest(name = "aud {0}")
	@ValueSource(strings = { "42", "true", "{\"aud\":\"orders-api\"}", "[1,2]", "[\"orders-api\",1]", "[\"orders-api\",null]",
			"[[\"orders-api\"]]", "[{\"aud\":\"orders-api\"}]", "{}" })
	void audienceOfAnotherJsonTypeIsMalformed(String json) {
		Expect.invalidToken(send(Claims.valid(issuer).raw("aud", json)), AUDIENCE_WRONG_TYPE);
	}

	@ParameterizedTest(name = "aud {0}")
	@ValueSource(strings = { "\"orders-api/\"", "\"Orders-API\"", "\"ORDERS-API\"", "\" orders-api\"", "\"orders-api \"",
			"\"orders-api\\t\"", "\"orders-api\\u0000\"", "\"orders_api\"", "\"orders-api,billing-api\"",
			"\"orders-api billing-api\"", "\"\"", "[]", "[\"\"]", "[\"billing-api\"]", "\"urn:orders-api\"",
			"\"https://orders-api\"" })
	void audienceNearMissesAreRefused(String json) {
		Expect.invalidToken(send(Claims.valid(issuer).raw("aud", json)), AUDIENCE_NOT_ACCEPTED);
	}

	@Test
	void audienceArrayContainingTheServiceIsAccepted() {
		Expect.ok(send(Claims.valid(issuer).raw("aud", "[\"billing-api\",\"orders-api\"]")));
	}

	// docs/security-model.md, Principal and scopes
	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', value = { "scope|42", "scope|true", "scope|{\"data:read\":true}", "scope|[\"data:read\",1]",
			"scope|[[\"data:read\"]]", "scope|[null]", "scope|[{}]", "scp|42", "scp|false", "scp|{\"s\":\"data:read\"}",
			"scp|[\"data:read\",true]" })
	void scopeClaimOfAnotherJsonTypeIsInvalid(String claim, String json) {
		Claims claims = Claims.valid(issuer).without("scope").raw(claim, json);
		Expect.invalidToken(send(claims), "The token's " + claim + " claim is not a string or an array of strings");
	}

	// exact, case-sensitive matching; only the configured delimiter (space) splits
	@ParameterizedTest(name = "scope {0}")
	@ValueSource(strings = { "\"DATA:READ\"", "\"data:read,\"", "\"data:read\\tdata:write\"", "\"data:readx\"",
			"\"data:rea\"", "\"data:read\\u0000\"", "\"openid,data:read\"", "[\"data:read,data:write\"]",
			"\"\"", "[]" })
	void scopeNearMissesAreForbidden(String json) {
		Expect.insufficientScope(send(Claims.valid(issuer).raw("scope", json)), "data:read");
	}

	@Test
	void scopeAsArrayOrWithExtraSpacesIsAccepted() {
		Expect.ok(send(Claims.valid(issuer).raw("scope", "[\"data:read\"]")));
		Expect.ok(send(Claims.valid(issuer).raw("scope", "\"  data:read   \"")));
		Expect.ok(send(Claims.valid(issuer).without("scope").raw("scp", "[\"data:read\"]")));
		// a JSON escape of the colon is the same text: still data:read
		Expect.ok(send(Claims.valid(issuer).raw("scope", "\"data\\u003aread \"")));
	}

	@ParameterizedTest(name = "sub {0}")
	@ValueSource(strings = { "42", "true", "{\"sub\":\"alice\"}", "[\"alice\"]", "\"\"" })
	void subjectOfAnotherTypeIsInvalid(String json) {
		Expect.invalidToken(send(Claims.valid(issuer).raw("sub", json)), "The token's sub or client_id claim is not a string");
	}

	@Test
	void tokenNamingNoSubjectIsInvalid() {
		Expect.invalidToken(send(Claims.valid(issuer).without("sub")), "The token names no subject (sub) or client (client_id)");
		Expect.invalidToken(send(Claims.valid(issuer).raw("sub", "null")), "The token names no subject (sub) or client (client_id)");
	}

	@ParameterizedTest(name = "cnf {0}")
	@ValueSource(strings = { "\"jkt\"", "42", "[\"jkt\"]", "true" })
	void confirmationClaimThatIsNotAnObjectIsMalformed(String json) {
		Expect.invalidToken(send(Claims.valid(issuer).raw("cnf", json)),
				DecoderOracle.CONFIRMATION);
	}

	// large and odd claims of no meaning to Warden must not break the answer
	@Test
	void oddExtraClaimsDoNotBreakTheAnswer() {
		Expect.ok(send(Claims.valid(issuer).raw("x", "[" + "1,".repeat(1000) + "1]")));
		Expect.ok(send(Claims.valid(issuer).raw("jti", "42").raw("client_id", "{\"a\":1}").raw("\\u0000", "null")));
		Expect.ok(send(Claims.valid(issuer).raw("act", "{\"sub\":\"admin\",\"act\":{\"sub\":\"root\"}}")));
	}

}
