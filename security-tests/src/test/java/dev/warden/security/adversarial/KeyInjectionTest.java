package dev.warden.security.adversarial;

import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.support.Canary;
import dev.warden.security.support.Expect;
import dev.warden.security.support.Jose;
import dev.warden.security.support.MainAppTest;
import dev.warden.security.support.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key injection: the token names or carries its own key ({@code jwk}, {@code jku}, {@code x5u},
 * {@code x5c}, {@code x5t}), or names a hostile {@code kid}. Keys must come only from the issuer's
 * JWKS, and no URL in a token may ever be contacted: a canary server on 127.0.0.1 serves the
 * attacker's key set and must see zero connections. Sources: RFC 8725 §2.9 and §3.10; RFC 7515
 * §4.1.2-§4.1.6; CVE-2018-0114 (node-jose trusting an embedded jwk); jwt_tool {@code -X i}
 * (jwk injection) and {@code -X s} (jku/x5u spoofing); CVE-2017-17405-style SSRF via jku.
 */
class KeyInjectionTest extends MainAppTest {

	private static final String NO_KEY = DecoderOracle.NO_KEY;

	private static final String SIGNATURE_INVALID = DecoderOracle.SIGNATURE;

	private static final String MALFORMED = DecoderOracle.MALFORMED;

	private static final Jose.Attacker attacker = new Jose.Attacker();

	private static final Canary canary = new Canary();

	static {
		canary.answer(new JWKSet(List.of(attacker.publicJwk("attacker-key"), attacker.publicJwk(issuer.rsaKey().getKeyID())))
			.toString(true));
	}

	@AfterAll
	static void closeCanary() {
		canary.close();
	}

	private String payload() {
		return Jose.json(Jose.claims(issuer, "data:read"));
	}

	private Reply send(String header) {
		return this.client.bearer("/api/data", attacker.sign(header, payload()));
	}

	private static void assertCanaryUntouched() throws InterruptedException {
		Thread.sleep(100);
		assertThat(canary.connections()).as("connections to the URL named by the token").isZero();
	}

	// RFC 8725 §3.10, CVE-2018-0114, jwt_tool -X i: the attacker's public key embedded as jwk
	@Test
	void embeddedJwkWithItsOwnKidIsNotUsed() {
		String header = "{\"alg\":\"RS256\",\"kid\":\"attacker-key\",\"jwk\":" + attacker.publicJwk("attacker-key").toJSONString() + "}";
		Expect.invalidToken(send(header), NO_KEY);
	}

	@Test
	void embeddedJwkUnderTheIssuersKidIsNotUsed() {
		String kid = issuer.rsaKey().getKeyID();
		String header = "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"jwk\":" + attacker.publicJwk(kid).toJSONString() + "}";
		Expect.invalidToken(send(header), SIGNATURE_INVALID);
	}

	@Test
	void embeddedJwkWithoutKidIsNotUsed() {
		RSAKey jwk = new RSAKey.Builder(attacker.publicJwk("x")).keyID(null).build();
		String header = "{\"alg\":\"RS256\",\"jwk\":" + jwk.toJSONString() + "}";
		Expect.invalidToken(send(header), SIGNATURE_INVALID);
	}

	// RFC 7515 §4.1.3: a jwk header holding a private key is not even a valid header
	@Test
	void embeddedPrivateJwkIsMalformed() throws Exception {
		RSAKey generated = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("attacker-private").generate();
		String header = "{\"alg\":\"RS256\",\"kid\":\"attacker-private\",\"jwk\":" + generated.toJSONString() + "}";
		Expect.invalidToken(this.client.bearer("/api/data",
				Jose.rsa("SHA256withRSA", generated.toPrivateKey(), header, payload())), MALFORMED);
	}

	// RFC 8725 §3.10, jwt_tool -X s: jku pointing at the attacker's JWKS (SSRF + key injection)
	@ParameterizedTest(name = "kid {0}")
	@ValueSource(strings = { "attacker-key", "issuer-kid", "" })
	void jkuIsNeverFetched(String kidChoice) throws InterruptedException {
		Reply reply = send(header("jku", canary.url("/jwks.json"), kidChoice));
		Expect.invalidToken(reply, expected(kidChoice));
		assertCanaryUntouched();
	}

	// RFC 7515 §4.1.5: x5u pointing at the attacker's certificate
	@ParameterizedTest(name = "kid {0}")
	@ValueSource(strings = { "attacker-key", "issuer-kid", "" })
	void x5uIsNeverFetched(String kidChoice) throws InterruptedException {
		Reply reply = send(header("x5u", canary.url("/cert.pem"), kidChoice));
		Expect.invalidToken(reply, expected(kidChoice));
		assertCanaryUntouched();
	}

	// jku/x5u with other schemes and addresses an SSRF would try
	@ParameterizedTest(name = "jku {0}")
	@ValueSource(strings = { "file:///etc/passwd", "http://127.0.0.1:1/latest/meta-data", "jar:http://127.0.0.1:1/x.jar!/",
			"//127.0.0.1:1/jwks", "ftp://127.0.0.1:1/jwks" })
	void jkuWithOtherSchemesIsNeverUsed(String jku) throws InterruptedException {
		Reply reply = send("{\"alg\":\"RS256\",\"kid\":\"attacker-key\",\"jku\":\"" + jku + "\",\"x5u\":\"" + jku + "\"}");
		Expect.invalidToken(reply, Set.of(NO_KEY, MALFORMED));
		assertCanaryUntouched();
	}

	// RFC 7515 §4.1.6: the attacker's self-signed certificate as x5c
	@ParameterizedTest(name = "kid {0}")
	@ValueSource(strings = { "attacker-key", "issuer-kid", "" })
	void x5cCertificateIsNotTrusted(String kidChoice) {
		Reply reply = send(header("x5c", null, kidChoice));
		Expect.invalidToken(reply, expected(kidChoice));
	}

	// RFC 7515 §4.1.7-8: thumbprints of the attacker's certificate select nothing
	@Test
	void x5tThumbprintsOfTheAttackersCertificateSelectNothing() throws Exception {
		byte[] der = attacker.certificate.getEncoded();
		String sha1 = Base64URL.encode(MessageDigest.getInstance("SHA-1").digest(der)).toString();
		String sha256 = Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(der)).toString();
		String kid = issuer.rsaKey().getKeyID();
		Expect.invalidToken(send("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"x5t\":\"" + sha1 + "\"}"), SIGNATURE_INVALID);
		// a token x5t#S256 must match the key (docs/security-model.md, Keys): no issuer key has this one
		Expect.invalidToken(send("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"x5t#S256\":\"" + sha256 + "\"}"), NO_KEY);
	}

	// every key-carrying header at once
	@Test
	void allKeyHeadersAtOnceAreIgnored() throws InterruptedException {
		String header = "{\"alg\":\"RS256\",\"kid\":\"attacker-key\",\"jku\":\"" + canary.url("/jwks") + "\",\"x5u\":\""
				+ canary.url("/x5u") + "\",\"x5c\":[\"" + attacker.x5c() + "\"],\"jwk\":"
				+ attacker.publicJwk("attacker-key").toJSONString() + "}";
		Expect.invalidToken(send(header), NO_KEY);
		assertCanaryUntouched();
	}

	private static String header(String parameter, String url, String kidChoice) {
		StringBuilder header = new StringBuilder("{\"alg\":\"RS256\"");
		if (kidChoice.equals("attacker-key")) {
			header.append(",\"kid\":\"attacker-key\"");
		}
		else if (kidChoice.equals("issuer-kid")) {
			header.append(",\"kid\":\"").append(issuer.rsaKey().getKeyID()).append('"');
		}
		if (parameter.equals("x5c")) {
			header.append(",\"x5c\":[\"").append(attacker.x5c()).append("\"]");
		}
		else {
			header.append(",\"").append(parameter).append("\":\"").append(url).append('"');
		}
		return header.append('}').toString();
	}

	private static String expected(String kidChoice) {
		return kidChoice.equals("attacker-key") ? NO_KEY : SIGNATURE_INVALID;
	}

	// hostile kid values: path traversal, SQL, JNDI, markup, NUL, CRLF (log injection), a 5 KB kid
	@ParameterizedTest(name = "kid {0}")
	@ValueSource(strings = { "../../etc/passwd", "../../../../../../dev/null", "/etc/passwd", "file:///etc/passwd",
			"' OR 1=1 --", "\\\"; DROP TABLE keys; --", "${jndi:ldap://127.0.0.1:1/a}", "<script>alert(1)</script>",
			"kid\\u0000nul", "kid\\r\\nX-Injected-Log-Line: forged", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "\\u202Ereversed",
			"kid with spaces", "*", ".", "" })
	void hostileKidFindsNoKeyAndIsNotLogged(String kid, CapturedOutput output) throws Exception {
		Reply reply = send("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}");
		Expect.invalidToken(reply, NO_KEY);
		// the kid as Warden sees it once the header is parsed (NUL, quote, CR LF, right-to-left override), and as
		// the token spells it
		String decoded = (String) JSONObjectUtils.parse("{\"kid\":\"" + kid + "\"}").get("kid");
		if (decoded.length() >= 6) {
			assertThat(output.getAll()).as("the decoded kid in the log").doesNotContain(decoded);
		}
		if (kid.length() >= 6) {
			assertThat(output.getAll()).as("the kid as the token spells it in the log").doesNotContain(kid)
				.doesNotContain("X-Injected-Log-Line");
		}
	}

	// a kid of 3.5 KB (4.7 KB encoded) still fits the 6 KB limit and is parsed; 4.5 KB is refused by Warden before
	// parsing; 10 KB (13.7 KB encoded) is beyond Tomcat's 8 KB header limit and refused by the container: 400
	@Test
	void longKidIsAnsweredQuicklyAndAKidOverTheSizeLimitIsRefusedBeforeParsing(CapturedOutput output) {
		String longKid = "k".repeat(3584);
		Expect.invalidToken(send("{\"alg\":\"RS256\",\"kid\":\"" + longKid + "\"}"), NO_KEY);
		String tooLong = "k".repeat(4608);
		Expect.invalidToken(send("{\"alg\":\"RS256\",\"kid\":\"" + tooLong + "\"}"), "The access token is too large.");
		String tenKb = "k".repeat(10 * 1024);
		Reply tenKbReply = send("{\"alg\":\"RS256\",\"kid\":\"" + tenKb + "\"}");
		Expect.wellBehaved(tenKbReply);
		assertThat(tenKbReply.status()).isEqualTo(400);
		assertThat(output.getAll()).doesNotContain("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk");
	}

	// RFC 7515 §4.1.4: kid must be a string
	@ParameterizedTest(name = "kid {0}")
	@ValueSource(strings = { "42", "-1", "1e308", "true", "{\"path\":\"../../etc/passwd\"}", "[\"a\",\"b\"]", "[]", "{}" })
	void kidOfAnotherJsonTypeIsMalformed(String kid) {
		Expect.invalidToken(send("{\"alg\":\"RS256\",\"kid\":" + kid + "}"), MALFORMED);
	}

	// kid: null is the same as no kid: every fitting key is tried, none verifies the attacker's signature
	@Test
	void nullKidTriesTheIssuersKeysOnly() {
		Expect.invalidToken(send("{\"alg\":\"RS256\",\"kid\":null}"), SIGNATURE_INVALID);
	}

}
