package dev.warden.security.fuzz;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.support.Jose;
import dev.warden.test.TestIssuer;

/**
 * Random tokens signed by the issuer: a header and a claims set that are mostly valid, with each
 * member changed now and then to a value near a rule's boundary (a time a second either side of
 * the clock skew, an audience in an array, a {@code typ} in another case) or of another JSON type.
 * Everything is raw JSON text, so that the oracle judges exactly what was signed.
 */
final class ClaimsGenerator {

	/** Changed with probability 1 in this. */
	private static final int CHANGE = 7;

	private static final String[] SPECIAL_TIMES = { "null", "true", "\"123\"", "0", "-1", "1.5", "-0.5", "1e30",
			"9223372036854775807", "9223372036854775808", "253402300799", "253402300800", "1.7976931348623157e308", "[]",
			"{}", "1E2", "0.0", "-0" };

	private final Random random;

	private final TestIssuer issuer;

	private final long now;

	ClaimsGenerator(Random random, TestIssuer issuer, Instant now) {
		this.random = random;
		this.issuer = issuer;
		this.now = now.getEpochSecond();
	}

	/** One token: its header and payload text, how it was signed, and what was changed. */
	record Generated(String header, String payload, DecoderOracle.Signing signing, String token, String changes) {

		String describe() {
			return Violations.printable(this.changes + "| " + this.header, 300);
		}

	}

	Generated next() {
		StringBuilder changes = new StringBuilder();
		// half the tokens are signed with the issuer's EC key (ES256 signs far faster than RSA)
		boolean ec = this.random.nextBoolean();
		Map<String, String> header = header(ec, changes);
		Map<String, String> claims = claims(changes);
		String headerJson = json(header);
		String payloadJson = json(claims);
		int shape = this.random.nextInt(200);
		if (shape == 0) {
			// RFC 8259 duplicate names: not a claims set one can trust
			payloadJson = payloadJson.substring(0, payloadJson.length() - 1) + ",\"iss\":\"http://127.0.0.1:1\"}";
			changes.append("duplicate-iss ");
		}
		else if (shape == 1) {
			payloadJson = pick("[]", "\"claims\"", "42", "null", "[" + payloadJson + "]");
			changes.append("payload=").append(payloadJson, 0, Math.min(12, payloadJson.length())).append(' ');
		}
		if (ec) {
			String token = Jose.es256(this.issuer.ecKey(), headerJson, payloadJson);
			return new Generated(headerJson, payloadJson, new DecoderOracle.Signing(this.issuer.ecKey().getKeyID(), "ES256"),
					token, "ec " + changes.toString().replace(this.issuer.issuer(), "<iss>"));
		}
		String signedAs = switch (header.get("alg")) {
			case "\"RS384\"" -> "RS384";
			case "\"RS512\"" -> "RS512";
			default -> "RS256";
		};
		String token = Jose.rsa("SHA" + signedAs.substring(2) + "withRSA", Jose.privateKey(this.issuer.rsaKey()),
				headerJson, payloadJson);
		return new Generated(headerJson, payloadJson, new DecoderOracle.Signing(this.issuer.rsaKey().getKeyID(), signedAs),
				token, "rsa " + changes.toString().replace(this.issuer.issuer(), "<iss>"));
	}

	private Map<String, String> header(boolean ec, StringBuilder changes) {
		Map<String, String> header = new LinkedHashMap<>();
		int alg = this.random.nextInt(100);
		String usual = ec ? "\"ES256\"" : "\"RS256\"";
		if (alg < 88) {
			header.put("alg", (ec || alg < 80) ? usual : (alg < 84) ? "\"RS384\"" : "\"RS512\"");
		}
		else {
			header.put("alg", ec ? pick("\"ES384\"", "\"RS256\"", "\"PS256\"", "\"HS256\"", "\"none\"", "42", "\"es256\"")
					: pick("\"PS256\"", "\"ES256\"", "\"HS256\"", "\"none\"", "42", "\"rs256\""));
		}
		String ownKid = quote((ec ? this.issuer.ecKey() : this.issuer.rsaKey()).getKeyID());
		String otherKid = quote((ec ? this.issuer.rsaKey() : this.issuer.ecKey()).getKeyID());
		int kid = this.random.nextInt(100);
		if (kid < 85) {
			header.put("kid", ownKid);
		}
		else if (kid < 90) {
			changes.append("kid-absent ");
		}
		else {
			String value = pick("null", "\"unknown-kid\"", otherKid, "42");
			header.put("kid", value);
			changes.append("kid=").append(value.equals(otherKid) ? "<other-key>" : value).append(' ');
		}
		int typ = this.random.nextInt(100);
		if (typ < 35) {
			header.put("typ", "\"at+jwt\"");
		}
		else if (typ >= 65) {
			header.put("typ", pick("\"application/at+jwt\"", "\"AT+JWT\"", "\"Application/At+Jwt\"", "\"JWT\"", "\"jwt\"",
					"\"dpop+jwt\"", "\"at+jwt \"", "\"\"", "\"JWS\"", "null", "42", "[\"at+jwt\"]"));
		}
		if (this.random.nextInt(10) == 0) {
			header.put("cty", pick("\"JWT\"", "\"jwt\"", "\"json\"", "\"application/json\"", "7", "null"));
		}
		if (this.random.nextInt(12) == 0) {
			String crit = pick("[\"x\"]", "[]", "[\"exp\"]", "\"x\"", "[1]");
			header.put("crit", crit);
			header.put("x", "1");
		}
		if (this.random.nextInt(20) == 0) {
			header.put("x-extra", "{\"a\":[1,{\"b\":null}]}");
		}
		if (!header.get("alg").equals(usual)) {
			changes.append("alg=").append(header.get("alg")).append(' ');
		}
		return header;
	}

	private Map<String, String> claims(StringBuilder changes) {
		String iss = quote(this.issuer.issuer());
		String aud = quote(TestIssuer.AUDIENCE);
		Map<String, String> claims = new LinkedHashMap<>();
		claims.put("iss", iss);
		claims.put("aud", aud);
		claims.put("sub", "\"alice\"");
		claims.put("iat", Long.toString(this.now - ((this.random.nextInt(3) == 0) ? 3600 : 10)));
		claims.put("exp", Long.toString(this.now + 300));
		claims.put("jti", quote(java.util.UUID.randomUUID().toString()));
		if (this.random.nextInt(5) != 0) {
			claims.put("scope", "\"data:read\"");
		}
		if (this.random.nextInt(10) < 8) {
			claims.put("client_id", "\"svc\"");
		}
		change(claims, changes, "iss", () -> pick(null, "null", quote(this.issuer.issuer() + "/"),
				quote(this.issuer.issuer().toUpperCase(java.util.Locale.ROOT)), quote(this.issuer.issuer() + " "), "42",
				"[" + iss + "]", "\"\"", iss));
		change(claims, changes, "aud", () -> pick(null, "null", aud, "[" + aud + "]", "[\"billing-api\"," + aud + "]",
				"[\"billing-api\"]", "[]", "\"billing-api\"", "[" + aud + ",null]", "[" + aud + ",1]", "42", "{}", "\"\"",
				"[[" + aud + "]]", "\"ORDERS-API\""));
		change(claims, changes, "exp", () -> time(-60));
		change(claims, changes, "nbf", () -> time(60));
		change(claims, changes, "iat", () -> time(60));
		if (this.random.nextInt(30) == 0 && claims.get("iat") != null) {
			claims.put("exp", claims.get("iat"));
			changes.append("exp=iat ");
		}
		change(claims, changes, "sub", () -> pick(null, "null", "\"\"", "42", "[\"alice\"]", "\"bob\"", "\"  \""));
		change(claims, changes, "client_id", () -> pick(null, "null", "\"svc\"", "\"\"", "42", "{}"));
		change(claims, changes, "jti", () -> pick(null, "null", "42", "\"\""));
		change(claims, changes, "scope", () -> pick(null, "null", "\"data:read data:write\"", "\"  a  b \"", "\"\"",
				"42", "[\"data:read\"]", "[\"a b\",\"c\"]", "[1]", "{}", "\"a\\u0000b\"", "[\"data:read\",null]", "true",
				"\"data:read,data:write openid\"", "\"a\\tb\""));
		change(claims, changes, "scp", () -> pick("\"x y\"", "[\"x\",\"y\"]", "[null]", "7", "null", "[]", "\"z\"",
				"[\"x,y\",\" z \"]"));
		change(claims, changes, "cnf", () -> pick("{}", "{\"jkt\":\"abc\"}", "null", "\"x\"", "42", "[]", "true",
				"{\"x5t#S256\":\"abc\"}", "{\"jkt\":42}", "{\"x5t#S256\":\"\"}", "{\"jkt\":null}",
				"{\"x5t#S256\":[\"abc\"]}"));
		if (this.random.nextInt(10) == 0) {
			// the sign-in claims step-up authentication reads
			claims.put("acr", pick("\"mfa\"", "\"pwd\"", "\"\"", "null", "42", "[\"mfa\"]", "{}"));
			changes.append("acr=").append(claims.get("acr")).append(' ');
		}
		if (this.random.nextInt(10) == 0) {
			String authTime = time(60);
			if (authTime != null) {
				claims.put("auth_time", authTime);
				changes.append("auth_time=").append(authTime).append(' ');
			}
		}
		if (this.random.nextInt(20) == 0) {
			claims.put("ext", pick("[[[[[]]]]]", "{\"a\":{\"b\":[1,{}]}}", "\"\\u202e\"", "1e308", "-0.0"));
			changes.append("ext ");
		}
		if (this.random.nextInt(100) == 0) {
			// around the 6 KB limit on the token's length
			int length = 3900 + this.random.nextInt(600);
			claims.put("pad", quote("p".repeat(length)));
			changes.append("pad=").append(length).append(' ');
		}
		return claims;
	}

	/** Changes one claim now and then: a value, or null for "absent". */
	private void change(Map<String, String> claims, StringBuilder changes, String name,
			java.util.function.Supplier<String> value) {
		if (this.random.nextInt(CHANGE) != 0) {
			return;
		}
		String chosen = value.get();
		if (chosen == null) {
			claims.remove(name);
		}
		else {
			claims.put(name, chosen);
		}
		changes.append(name).append('=').append(chosen).append(' ');
	}

	/**
	 * A NumericDate near the boundary {@code now + boundary} (the skew: -60 for exp, +60 for nbf,
	 * iat and auth_time), anywhere within minutes of now, or a special value.
	 */
	private String time(int boundary) {
		int kind = this.random.nextInt(20);
		if (kind < 8) {
			long at = this.now + boundary;
			return switch (this.random.nextInt(3)) {
				case 0 -> Long.toString(at + this.random.nextInt(5) - 2);
				case 1 -> (at - 1) + "." + pick("999", "5", "001");
				default -> at + "." + pick("001", "5", "999");
			};
		}
		if (kind < 15) {
			long at = this.now + this.random.nextInt(800) - 400;
			return this.random.nextBoolean() ? Long.toString(at) : at + "." + this.random.nextInt(1000);
		}
		if (kind == 15) {
			return null;
		}
		return SPECIAL_TIMES[this.random.nextInt(SPECIAL_TIMES.length)];
	}

	private String pick(String... values) {
		return values[this.random.nextInt(values.length)];
	}

	private static String quote(String text) {
		return "\"" + text + "\"";
	}

	private static String json(Map<String, String> members) {
		StringBuilder json = new StringBuilder("{");
		members.forEach((name, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append('"').append(name).append("\":").append(value);
		});
		return json.append('}').toString();
	}

}
