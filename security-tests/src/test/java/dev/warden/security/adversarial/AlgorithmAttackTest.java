package dev.warden.security.adversarial;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.support.Expect;
import dev.warden.security.support.Jose;
import dev.warden.security.support.MainAppTest;
import dev.warden.security.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Algorithm attacks over real HTTP: {@code alg: none} in every spelling, HMAC keyed with the
 * issuer's public key (algorithm confusion), stripped signatures, and ECDSA "psychic signatures".
 * Sources: RFC 8725 §2.1, §3.1, §3.2; RFC 7515 §4.1.1, §5.2; RFC 7518 §3.4; CVE-2015-9235
 * (node-jsonwebtoken "none"/HS256 confusion); CVE-2016-10555 (HS256 with the RS256 public key);
 * CVE-2022-21449 (psychic signatures); jwt_tool {@code -X a} (alg none) and {@code -X k} (key
 * confusion).
 */
class AlgorithmAttackTest extends MainAppTest {

	private static final String UNSIGNED = DecoderOracle.UNSIGNED;

	private static final String ALGORITHM_NOT_ACCEPTED = DecoderOracle.ALGORITHM;

	private static final String MALFORMED = DecoderOracle.MALFORMED;

	private static final String SIGNATURE_INVALID = DecoderOracle.SIGNATURE;

	private String payload() {
		return Jose.json(Jose.claims(issuer, "data:read data:write"));
	}

	@Test
	void validTokenIsAcceptedSoTheRefusalsBelowMeanSomething() {
		Expect.ok(this.client.bearer("/api/data", issuer.token().scopes("data:read").sign()));
		Expect.ok(this.client.bearer("/api/data", issuer.token().es256().scopes("data:read").sign()));
		Expect.ok(this.client.bearer("/api/data", Jose.issuerSigned(issuer, Jose.claims(issuer, "data:read"))));
	}

	// RFC 8725 §3.1, jwt_tool -X a: the unsecured JWT of RFC 7519 §6 with an empty signature
	@Test
	void algNoneWithEmptySignatureIsRefusedAsUnsigned() {
		String token = Jose.b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + Jose.b64(payload()) + ".";
		Expect.invalidToken(this.client.bearer("/api/data", token), UNSIGNED);
	}

	// RFC 8725 §3.1; CVE-2015-9235: libraries that compared "none" case-sensitively let "None" through.
	// With an empty signature part the token is not a compact JWS at all (check 1, before the alg check 2).
	@ParameterizedTest(name = "alg \"{0}\"")
	@ValueSource(strings = { "None", "NONE", "nOnE", "NoNe", "none " })
	void algNoneInAnotherSpellingIsRefused(String alg) {
		String header = Jose.b64("{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\"}");
		Reply empty = this.client.bearer("/api/data", header + "." + Jose.b64(payload()) + ".");
		Expect.invalidToken(empty, MALFORMED);
		String stolenSignature = Jose.segments(issuer.token().sign())[2];
		Reply withSignature = this.client.bearer("/api/data", header + "." + Jose.b64(payload()) + "." + stolenSignature);
		Expect.invalidToken(withSignature, ALGORITHM_NOT_ACCEPTED);
	}

	// RFC 7519 §6.1: an unsecured JWT has an empty third part; one carrying a signature is not even well formed
	@Test
	void algNoneCarryingASignatureIsMalformed() {
		String stolenSignature = Jose.segments(issuer.token().sign())[2];
		String token = Jose.b64("{\"alg\":\"none\"}") + "." + Jose.b64(payload()) + "." + stolenSignature;
		Expect.invalidToken(this.client.bearer("/api/data", token), MALFORMED);
	}

	// RFC 7515 §7.1 (three parts); jwt_tool "signature stripping": "header.payload" without the last dot
	@ParameterizedTest(name = "alg \"{0}\"")
	@ValueSource(strings = { "none", "None", "RS256" })
	void twoPartTokenIsMalformed(String alg) {
		String token = Jose.b64("{\"alg\":\"" + alg + "\"}") + "." + Jose.b64(payload());
		Expect.invalidToken(this.client.bearer("/api/data", token), MALFORMED);
	}

	// RFC 8725 §3.1, RFC 7515 §7.1: stripping the signature of a real RS256 token ("header.payload.") leaves no JWS
	@Test
	void strippedSignatureOfARealTokenIsMalformed() {
		String[] parts = Jose.segments(issuer.token().scopes("data:read").sign());
		Expect.invalidToken(this.client.bearer("/api/data", parts[0] + "." + parts[1] + "."), MALFORMED);
	}

	// RFC 8725 §3.1: a real token whose header is swapped for alg none, keeping the payload
	@Test
	void realTokenRewrittenToAlgNoneIsRefused() {
		String[] parts = Jose.segments(issuer.token().scopes("data:read").sign());
		String token = Jose.b64("{\"alg\":\"none\"}") + "." + parts[1] + ".";
		Expect.invalidToken(this.client.bearer("/api/data", token), UNSIGNED);
	}

	static Stream<Arguments> publicKeyEncodings() throws JOSEException {
		RSAKey key = issuer.rsaKey().toPublicJWK();
		byte[] der = key.toRSAPublicKey().getEncoded();
		String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
		byte[] modulus = key.getModulus().decode();
		byte[] modulusUnsigned = new BigInteger(1, modulus).toByteArray();
		Stream.Builder<Arguments> cases = Stream.builder();
		for (String alg : new String[] { "HS256", "HS384", "HS512" }) {
			cases.add(Arguments.of(alg, "X.509 DER bytes", der));
			cases.add(Arguments.of(alg, "PEM text", pem.getBytes(StandardCharsets.US_ASCII)));
			cases.add(Arguments.of(alg, "PEM text without trailing newline", pem.trim().getBytes(StandardCharsets.US_ASCII)));
			cases.add(Arguments.of(alg, "public JWK JSON", key.toJSONString().getBytes(StandardCharsets.UTF_8)));
			cases.add(Arguments.of(alg, "JWKS JSON", issuer.jwksJson().getBytes(StandardCharsets.UTF_8)));
			cases.add(Arguments.of(alg, "modulus bytes", modulus));
			cases.add(Arguments.of(alg, "modulus with sign byte", modulusUnsigned));
			cases.add(Arguments.of(alg, "modulus base64url text", key.getModulus().toString().getBytes(StandardCharsets.US_ASCII)));
		}
		return cases.build();
	}

	// RFC 8725 §2.1/§3.1, CVE-2016-10555, jwt_tool -X k: HMAC keyed with the issuer's RSA public key
	@ParameterizedTest(name = "{0} keyed with the {1}")
	@MethodSource("publicKeyEncodings")
	void hmacKeyedWithTheIssuersPublicKeyIsRefusedWithoutAnyJwksFetch(String alg, String encoding, byte[] secret) {
		int fetches = issuer.jwksRequests();
		String header = "{\"alg\":\"" + alg + "\",\"kid\":\"" + issuer.rsaKey().getKeyID() + "\",\"typ\":\"at+jwt\"}";
		String token = Jose.hmac(alg, secret, header, payload());
		Expect.invalidToken(this.client.bearer("/api/data", token), ALGORITHM_NOT_ACCEPTED);
		assertThat(issuer.jwksRequests()).as("an HMAC token never causes a JWKS fetch").isEqualTo(fetches);
	}

	// RFC 7518 §3.1: algorithms that are not signature algorithms at all, or do not exist
	@ParameterizedTest(name = "alg \"{0}\"")
	@ValueSource(strings = { "HS256", "hs256", "RS1", "RSA1_5", "RSA-OAEP", "dir", "A128KW", "EdDSA", "Ed25519",
			"ES256K", "rs256", "Rs256", "RS256 ", " RS256", "RS256\u0000", "", "ES257", "PS256X" })
	void algorithmOutsideTheAllowListIsRefused(String alg) {
		String header = "{\"alg\":\"" + alg.replace("\u0000", "\\u0000") + "\",\"kid\":\"" + issuer.rsaKey().getKeyID() + "\"}";
		String token = Jose.issuerSigned(issuer, header, payload());
		Reply reply = this.client.bearer("/api/data", token);
		if (alg.isEmpty()) {
			// RFC 7515 §4.1.1: alg is required; Nimbus rejects an empty algorithm name while parsing
			Expect.invalidToken(reply, java.util.Set.of(MALFORMED, ALGORITHM_NOT_ACCEPTED));
		}
		else {
			Expect.invalidToken(reply, ALGORITHM_NOT_ACCEPTED);
		}
	}

	// RFC 7515 §4.1.1: alg of another JSON type
	@ParameterizedTest(name = "alg {0}")
	@ValueSource(strings = { "256", "null", "true", "[\"RS256\"]", "{\"name\":\"RS256\"}" })
	void algOfAnotherJsonTypeIsMalformed(String alg) {
		String token = Jose.issuerSigned(issuer, "{\"alg\":" + alg + ",\"kid\":\"" + issuer.rsaKey().getKeyID() + "\"}",
				payload());
		Expect.invalidToken(this.client.bearer("/api/data", token), MALFORMED);
	}

	// RFC 7515 §4.1.1: no alg at all
	@Test
	void missingAlgIsMalformed() {
		String token = Jose.issuerSigned(issuer, "{\"kid\":\"" + issuer.rsaKey().getKeyID() + "\"}", payload());
		Expect.invalidToken(this.client.bearer("/api/data", token), MALFORMED);
	}

	// RFC 8725 §3.1: a token signed with RS256 but relabelled PS256 (or RS512) must not verify with the other algorithm
	@ParameterizedTest(name = "relabelled {0}")
	@ValueSource(strings = { "PS256", "RS384", "RS512", "PS512" })
	void rsaTokenRelabelledWithAnotherRsaAlgorithmIsRefused(String alg) {
		String[] parts = Jose.segments(issuer.token().scopes("data:read").sign());
		String header = Jose.b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + issuer.rsaKey().getKeyID() + "\",\"typ\":\"at+jwt\"}");
		Expect.invalidToken(this.client.bearer("/api/data", header + "." + parts[1] + "." + parts[2]), SIGNATURE_INVALID);
	}

	// RFC 8725 §3.1: an ES256 header pointing at the RSA kid (key type must fit the algorithm)
	@Test
	void ecAlgorithmNamingTheRsaKeyFindsNoKey() {
		String header = "{\"alg\":\"ES256\",\"kid\":\"" + issuer.rsaKey().getKeyID() + "\",\"typ\":\"at+jwt\"}";
		String token = Jose.es256(issuer.ecKey(), header, payload());
		Expect.invalidToken(this.client.bearer("/api/data", token), DecoderOracle.NO_KEY);
	}

	private String es256Header() {
		return Jose.b64("{\"alg\":\"ES256\",\"kid\":\"" + issuer.ecKey().getKeyID() + "\",\"typ\":\"at+jwt\"}");
	}

	// CVE-2022-21449 (psychic signatures): r = s = 0 as 64 zero bytes
	@Test
	void es256SignatureOfZerosIsRefused() {
		String token = es256Header() + "." + Jose.b64(payload()) + "." + Jose.b64(new byte[64]);
		Expect.invalidToken(this.client.bearer("/api/data", token), SIGNATURE_INVALID);
	}

	// CVE-2022-21449 variants: r = s = n, r = 0 with a real s, r = s = n + 0 as DER, short and long zero signatures
	static Stream<Arguments> psychicSignatures() {
		byte[] n = Jose.fixed32(Jose.P256_ORDER);
		byte[] one = Jose.fixed32(BigInteger.ONE);
		byte[] zero = new byte[32];
		byte[] derZero = { 0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00 };
		return Stream.of(Arguments.of("r = s = n", Jose.concat(n, n)), Arguments.of("r = 0, s = n", Jose.concat(zero, n)),
				Arguments.of("r = n, s = 0", Jose.concat(n, zero)), Arguments.of("r = s = 1", Jose.concat(one, one)),
				Arguments.of("r = 0, s = 1", Jose.concat(zero, one)), Arguments.of("DER r = s = 0", derZero),
				Arguments.of("one zero byte", new byte[1]), Arguments.of("63 zero bytes", new byte[63]),
				Arguments.of("65 zero bytes", new byte[65]), Arguments.of("128 zero bytes", new byte[128]),
				Arguments.of("all 0xFF", filled(64, (byte) 0xFF)));
	}

	private static byte[] filled(int length, byte value) {
		byte[] bytes = new byte[length];
		java.util.Arrays.fill(bytes, value);
		return bytes;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("psychicSignatures")
	void es256PsychicSignatureIsRefused(String name, byte[] signature) {
		String token = es256Header() + "." + Jose.b64(payload()) + "." + Jose.b64(signature);
		Expect.invalidToken(this.client.bearer("/api/data", token), SIGNATURE_INVALID);
	}

	// CVE-2022-21449 against the RSA key: a signature of zeros, and the value 0 / 1 / n-1 as RSA signature
	@Test
	void rsaSignatureOfZerosOrOnesIsRefused() throws JOSEException {
		String header = Jose.b64(Jose.rs256Header(issuer));
		String body = Jose.b64(payload());
		BigInteger modulus = issuer.rsaKey().toRSAPublicKey().getModulus();
		for (byte[] signature : new byte[][] { new byte[256], filled(256, (byte) 0xFF), fixed(BigInteger.ONE, 256),
				fixed(modulus.subtract(BigInteger.ONE), 256), fixed(modulus, 256), new byte[1] }) {
			Expect.invalidToken(this.client.bearer("/api/data", header + "." + body + "." + Jose.b64(signature)),
					SIGNATURE_INVALID);
		}
		// an empty signature part is not a compact JWS
		Expect.invalidToken(this.client.bearer("/api/data", header + "." + body + "."), MALFORMED);
	}

	private static byte[] fixed(BigInteger value, int length) {
		byte[] raw = value.toByteArray();
		byte[] out = new byte[length];
		int copy = Math.min(raw.length, length);
		System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
		return out;
	}

	// RFC 8725 §3.2: an attacker's own RSA key under the issuer's kid, for every RSA algorithm
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" })
	void attackerKeyUnderTheIssuersKidIsRefusedForEveryRsaAlgorithm(String alg) throws JOSEException {
		RSAKey attacker = new RSAKeyGenerator(2048).keyID(issuer.rsaKey().getKeyID()).generate();
		String token = issuer.token().algorithm(JWSAlgorithm.parse(alg)).signedWith(attacker).scopes("data:read").sign();
		Expect.invalidToken(this.client.bearer("/api/data", token), SIGNATURE_INVALID);
	}

	// RFC 7518 §3.5: every RSA/PSS/EC algorithm of the default allow-list verifies with the issuer's keys
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" })
	void everyAllowedRsaAlgorithmWorksWithTheIssuersKey(String alg) {
		Expect.ok(this.client.bearer("/api/data",
				issuer.token().algorithm(JWSAlgorithm.parse(alg)).scopes("data:read").sign()));
	}

	// the refusal carries nothing of the endpoint's answer
	@Test
	void refusalCarriesNoDataOfTheEndpoint() {
		Map<String, Object> claims = Jose.claims(issuer, "data:read");
		Reply reply = this.client.bearer("/api/data", Jose.hmac("HS256", new byte[32], "{\"alg\":\"HS256\"}", Jose.json(claims)));
		Expect.invalidToken(reply, ALGORITHM_NOT_ACCEPTED);
		assertThat(reply.body()).doesNotContain("secret-data", "alice");
	}

}
