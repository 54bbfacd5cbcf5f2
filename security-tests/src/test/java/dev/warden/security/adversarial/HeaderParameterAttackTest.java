package dev.warden.security.adversarial;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.support.Expect;
import dev.warden.security.support.Jose;
import dev.warden.security.support.MainAppTest;
import dev.warden.security.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Header parameters that change how a token would be processed: {@code crit} extensions
 * (RFC 7515 §4.1.11, RFC 7797 {@code b64}), encrypted tokens (RFC 7516), nested tokens
 * (RFC 7519 §5.2, §7.2 step 8), compression ({@code zip}, RFC 7516 §4.1.3; decompression bombs as in
 * CVE-2024-28180 and Nimbus's own decompression cap), and explicit typing (RFC 8725 §3.11,
 * RFC 9068 §2.1). The tokens here are signed with the issuer's own key: even a token the issuer
 * really signed must not be processed in these ways.
 */
class HeaderParameterAttackTest extends MainAppTest {

	private static final String CRIT = DecoderOracle.CRITICAL;

	private static final String JWE = "Encrypted tokens (JWE) are not accepted";

	private static final String NESTED = DecoderOracle.NESTED;

	private static final String NOT_AN_OBJECT = DecoderOracle.NOT_AN_OBJECT;

	private static final String MALFORMED = DecoderOracle.MALFORMED;

	private String kid() {
		return issuer.rsaKey().getKeyID();
	}

	private String payload() {
		return Jose.json(Jose.claims(issuer, "data:read"));
	}

	private Reply issuerSigned(String header) {
		return this.client.bearer("/api/data", Jose.issuerSigned(issuer, header, payload()));
	}

	// RFC 7515 §4.1.11: an extension the recipient does not understand must make the token invalid
	@ParameterizedTest(name = "crit {0}")
	@ValueSource(strings = { "[\"urn:example:unknown\"]", "[\"exp\"]", "[\"http://example.invalid/ext\",\"kid\"]" })
	void unknownCriticalExtensionIsRefused(String crit) {
		Expect.invalidToken(issuerSigned("{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"crit\":" + crit
				+ ",\"exp\":1,\"urn:example:unknown\":true,\"http://example.invalid/ext\":1}"), CRIT);
	}

	// RFC 7797: an unencoded payload ("b64": false) is a critical extension Warden does not support
	@Test
	void unencodedPayloadExtensionIsRefused() {
		Expect.invalidToken(issuerSigned("{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"b64\":false,\"crit\":[\"b64\"]}"), CRIT);
	}

	// RFC 7797 §6: b64 without crit must not switch to unencoded signing input either
	@Test
	void b64FalseWithoutCritIsNotAValidToken() {
		Expect.invalidToken(issuerSigned("{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"b64\":false}"),
				Set.of(CRIT, MALFORMED, DecoderOracle.SIGNATURE));
	}

	// RFC 7515 §4.1.11 ("producers MUST NOT use the empty list") and docs/security-model.md check 3 ("no crit header parameter")
	@Test
	void emptyCritListIsRefused() {
		Expect.invalidToken(issuerSigned("{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"crit\":[]}"), CRIT);
	}

	// RFC 7515 §4.1.11: crit must be an array of strings
	@ParameterizedTest(name = "crit {0}")
	@ValueSource(strings = { "\"exp\"", "42", "{\"exp\":true}", "[1,2]", "[null]" })
	void critOfAnotherJsonTypeIsRefused(String crit) {
		Expect.invalidToken(issuerSigned("{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"crit\":" + crit + "}"),
				Set.of(MALFORMED, CRIT));
	}

	// RFC 7516 / RFC 8725 §2.1: a real five-part JWE
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "RSA-OAEP-256", "RSA-OAEP-256+zip" })
	void jweIsRefused(String variant) throws Exception {
		JWEHeader.Builder header = new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM)
			.keyID(kid());
		if (variant.endsWith("+zip")) {
			header.compressionAlgorithm(CompressionAlgorithm.DEF);
		}
		JWEObject jwe = new JWEObject(header.build(), new Payload(payload()));
		jwe.encrypt(new RSAEncrypter((RSAPublicKey) issuer.rsaKey().toRSAPublicKey()));
		String token = jwe.serialize();
		Expect.invalidToken(this.client.bearer("/api/data", token), JWE);
	}

	// five parts whose header claims to be a JWS, or that are plain garbage
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{\"alg\":\"RS256\"}", "{\"alg\":\"none\"}", "{\"alg\":\"dir\",\"enc\":\"A128GCM\"}" })
	void fivePartTokensAreRefused(String header) {
		String token = Jose.b64(header) + ".AAAA.AAAA." + Jose.b64(payload()) + ".AAAA";
		Expect.invalidToken(this.client.bearer("/api/data", token), Set.of(JWE, MALFORMED));
	}

	// RFC 7519 §5.2, §7.2 step 8: a nested JWT (cty JWT, any case) is not an access token
	@ParameterizedTest(name = "cty {0}")
	@ValueSource(strings = { "JWT", "jwt", "Jwt", "jWt" })
	void nestedJwtIsRefused(String cty) {
		String inner = issuer.token().scopes("data:read").sign();
		String header = "{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"cty\":\"" + cty + "\"}";
		String token = Jose.issuerSignedBytes(issuer, header, inner.getBytes(StandardCharsets.US_ASCII));
		Expect.invalidToken(this.client.bearer("/api/data", token), NESTED);
		// even when the outer payload is a valid claims set
		Expect.invalidToken(issuerSigned(header), NESTED);
	}

	// docs/security-model.md check 4: a nested token under another cty fails at check 5
	@Test
	void nestedJwtUnderApplicationJwtCtyFailsAsNotAnObject() {
		String inner = issuer.token().scopes("data:read").sign();
		String header = "{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"cty\":\"application/jwt\"}";
		Expect.invalidToken(this.client.bearer("/api/data",
				Jose.issuerSignedBytes(issuer, header, inner.getBytes(StandardCharsets.US_ASCII))), NOT_AN_OBJECT);
	}

	// RFC 7516 §4.1.3: zip belongs to JWE; a JWS payload is never inflated
	@Test
	void deflatedJwsPayloadIsNotInflated() {
		String header = "{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"zip\":\"DEF\"}";
		byte[] deflated = Jose.deflate(payload().getBytes(StandardCharsets.UTF_8));
		Expect.invalidToken(this.client.bearer("/api/data", Jose.issuerSignedBytes(issuer, header, deflated)), NOT_AN_OBJECT);
	}

	// decompression bomb (CVE-2024-28180 class): 4 MB of JSON nesting deflated into a token under 6 KB
	@Test
	void deflateBombIsAnsweredQuicklyWithoutInflating() {
		byte[] bomb = Jose.deflate("[".repeat(4 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII));
		String header = "{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"zip\":\"DEF\"}";
		String token = Jose.issuerSignedBytes(issuer, header, bomb);
		org.assertj.core.api.Assertions.assertThat(token.length()).isLessThan(6 * 1024);
		Expect.invalidToken(this.client.bearer("/api/data", token), NOT_AN_OBJECT);
		// the same bomb from an attacker, unsigned
		String forged = Jose.b64(header) + "." + Jose.b64(bomb) + "." + Jose.b64(new byte[256]);
		Expect.invalidToken(this.client.bearer("/api/data", forged), NOT_AN_OBJECT);
	}

	// RFC 8725 §3.11, RFC 9068 §2.1: other explicitly typed JWTs of the same issuer are not access tokens
	@ParameterizedTest(name = "typ {0}")
	@ValueSource(strings = { "dpop+jwt", "logout+jwt", "secevent+jwt", "id_token+jwt", "JOSE", "JOSE+JSON", "at+jwt ",
			"application/dpop+jwt", "" })
	void otherTokenTypesAreRefused(String typ) {
		Expect.invalidToken(issuerSigned("{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"typ\":\"" + typ + "\"}"),
				DecoderOracle.TYPE);
	}

	@ParameterizedTest(name = "typ {0}")
	@ValueSource(strings = { "42", "true", "[\"at+jwt\"]", "{\"t\":\"at+jwt\"}" })
	void typOfAnotherJsonTypeIsMalformed(String typ) {
		Expect.invalidToken(issuerSigned("{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"typ\":" + typ + "}"), MALFORMED);
	}

	// RFC 9068 §2.1: the accepted spellings still work
	@ParameterizedTest(name = "typ {0}")
	@ValueSource(strings = { "at+jwt", "AT+JWT", "application/at+jwt", "JWT", "jwt" })
	void acceptedTypesStillWork(String typ) {
		Expect.ok(issuerSigned("{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"typ\":\"" + typ + "\"}"));
	}

}
