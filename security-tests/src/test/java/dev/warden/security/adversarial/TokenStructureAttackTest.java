package dev.warden.security.adversarial;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.support.Claims;
import dev.warden.security.support.Expect;
import dev.warden.security.support.Jose;
import dev.warden.security.support.MainAppTest;
import dev.warden.security.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the token itself: segments, alphabet, padding, JSON that is not an object,
 * duplicate members, non-UTF-8 bytes and sizes at the limits. Sources: RFC 7515 §2 (base64url
 * without padding), §3.1, §5.2 (duplicate header names), §7.1; RFC 7519 §7.2 (claims set must be a
 * JSON object); RFC 8259 §4 (duplicate names), §8.1 (UTF-8); RFC 4648 §3.3, §3.5 (characters
 * outside the alphabet, canonical encoding); RFC 6750 §2.1 ({@code b64token}); RFC 8725 §2.3
 * (the "JSON interoperability" class of attacks).
 */
class TokenStructureAttackTest extends MainAppTest {

	private static final String MALFORMED = DecoderOracle.MALFORMED;

	private static final String SIGNATURE_INVALID = DecoderOracle.SIGNATURE;

	private static final String NOT_AN_OBJECT = DecoderOracle.NOT_AN_OBJECT;

	private static final String BEARER_MALFORMED = "The bearer token is malformed.";

	private static final String TOO_LARGE = "The access token is too large.";

	private String valid() {
		return issuer.token().scopes("data:read").sign();
	}

	@Test
	void theUnalteredTokenIsAccepted() {
		Expect.ok(this.client.bearer("/api/data", valid()));
	}

	// RFC 7515 §7.1: exactly three parts (five for JWE)
	@Test
	void extraOrEmptySegmentsAreMalformed() {
		String[] p = Jose.segments(valid());
		for (String token : List.of(p[0] + "." + p[1] + "." + p[2] + ".", p[0] + "." + p[1] + "." + p[2] + "." + p[2],
				p[0] + "." + p[1] + "." + p[2] + "..", p[0] + ".." + p[2], "." + p[1] + "." + p[2], "..", "...", "....",
				p[0] + "." + p[1] + "." + p[2] + "." + p[1] + "." + p[2] + "." + p[2], p[0] + "." + p[0] + "." + p[1] + "." + p[2],
				p[0], p[0] + "." + p[2], "." + p[0] + "." + p[1] + "." + p[2])) {
			Expect.invalidToken(this.client.bearer("/api/data", token), Set.of(MALFORMED, NOT_AN_OBJECT));
		}
	}

	// segments in the wrong order
	@Test
	void swappedSegmentsAreRefused() {
		String[] p = Jose.segments(valid());
		for (String token : List.of(p[1] + "." + p[0] + "." + p[2], p[0] + "." + p[2] + "." + p[1],
				p[2] + "." + p[1] + "." + p[0], p[0] + "." + p[1] + "." + p[1], p[0] + "." + p[0] + "." + p[2])) {
			Expect.invalidToken(this.client.bearer("/api/data", token), Set.of(MALFORMED, NOT_AN_OBJECT, SIGNATURE_INVALID));
		}
	}

	// RFC 6750 §2.1: characters outside b64token never reach the parser
	@ParameterizedTest(name = "character {0}")
	@ValueSource(strings = { "!", "$", "%", "*", "\"", ",", ";", "\\", "<", "@", "#", "&", "'", "(", ")", ":", "?", "[", "^", "`", "{", "|" })
	void charactersOutsideB64TokenAreRefusedByTheHeaderRules(String character) {
		String[] p = Jose.segments(valid());
		for (String token : List.of(p[0] + character + "." + p[1] + "." + p[2], p[0] + "." + p[1] + character + "." + p[2],
				p[0] + "." + p[1] + "." + p[2].substring(0, 10) + character + p[2].substring(10))) {
			Expect.invalidToken(this.client.bearer("/api/data", token), BEARER_MALFORMED);
		}
	}

	// RFC 6750 §2.1: '=' only at the end; inside a segment it is refused by the header rules
	@Test
	void paddingInsideTheTokenIsRefusedByTheHeaderRules() {
		String[] p = Jose.segments(valid());
		for (String token : List.of(p[0] + "=." + p[1] + "." + p[2], p[0] + "." + p[1] + "==." + p[2],
				p[0] + "." + p[1] + "." + p[2].substring(0, 5) + "=" + p[2].substring(5))) {
			Expect.invalidToken(this.client.bearer("/api/data", token), BEARER_MALFORMED);
		}
	}

	// RFC 7515 §2 (no padding) and §5.2; RFC 4648 §3.3: characters outside the base64url alphabet but inside
	// b64token ('~', '+', '/', trailing '=') in the header or payload change the signing input: refused
	@ParameterizedTest(name = "character {0}")
	@ValueSource(strings = { "~", "+", "/" })
	void nonBase64UrlCharacterInHeaderOrPayloadIsRefused(String character) {
		String[] p = Jose.segments(valid());
		// '+' and '/' decode to other bytes, so the JSON may break first (check 1 or 5); '~' is skipped by the decoder,
		// so only the signature can tell
		Expect.invalidToken(this.client.bearer("/api/data", p[0].substring(0, 4) + character + p[0].substring(4) + "." + p[1] + "." + p[2]),
				Set.of(MALFORMED, SIGNATURE_INVALID));
		Expect.invalidToken(this.client.bearer("/api/data", p[0] + "." + p[1].substring(0, 7) + character + p[1].substring(7) + "." + p[2]),
				Set.of(MALFORMED, NOT_AN_OBJECT, SIGNATURE_INVALID));
	}

	// RFC 7515 §2, §7.1 and RFC 4648 §3.3: a signature segment with a character outside the base64url alphabet is
	// not the base64url encoding of the signature; a decoder that skips the character accepts another token
	@ParameterizedTest(name = "character {0}")
	@ValueSource(strings = { "~", "~~", "+", "/" })
	void nonBase64UrlCharacterInsideTheSignatureIsRefused(String character) {
		String token = valid();
		int at = token.lastIndexOf('.') + 20;
		String altered = token.substring(0, at) + character + token.substring(at);
		assertThat(altered).isNotEqualTo(token);
		Expect.invalidToken(this.client.bearer("/api/data", altered), Set.of(MALFORMED, SIGNATURE_INVALID));
	}

	// RFC 7515 §2: base64url "with all trailing '=' characters omitted"
	@ParameterizedTest(name = "suffix {0}")
	@ValueSource(strings = { "=", "==", "===" })
	void paddedSignatureIsRefused(String padding) {
		Expect.invalidToken(this.client.bearer("/api/data", valid() + padding), Set.of(MALFORMED, SIGNATURE_INVALID));
	}

	// RFC 4648 §3.5: the standard alphabet ('+', '/') for the URL-safe one ('-', '_') in the signature
	@Test
	void standardBase64AlphabetInTheSignatureIsRefused() {
		String token = valid();
		while (!Jose.segments(token)[2].contains("-") && !Jose.segments(token)[2].contains("_")) {
			token = valid();
		}
		String[] p = Jose.segments(token);
		String altered = p[0] + "." + p[1] + "." + p[2].replace('-', '+').replace('_', '/');
		Expect.invalidToken(this.client.bearer("/api/data", altered), Set.of(MALFORMED, SIGNATURE_INVALID));
	}

	// RFC 4648 §3.5: the last character of a 256-byte signature carries 2 bits; the other 4 must be zero
	@Test
	void nonCanonicalLastCharacterOfTheSignatureIsRefused() {
		String token = valid();
		char last = token.charAt(token.length() - 1);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		int value = alphabet.indexOf(last);
		assertThat(value & 0x0F).as("canonical encoding leaves the low bits zero").isZero();
		String altered = token.substring(0, token.length() - 1) + alphabet.charAt(value | 0x01);
		Expect.invalidToken(this.client.bearer("/api/data", altered), Set.of(MALFORMED, SIGNATURE_INVALID));
	}

	// RFC 7515 §4, RFC 7519 §7.2: header and payload must be JSON objects
	@ParameterizedTest(name = "header {0}")
	@ValueSource(strings = { "[]", "[{\"alg\":\"RS256\"}]", "\"RS256\"", "42", "null", "true", "", " ", "{", "{\"alg\":\"RS256\"",
			"{\"alg\":\"RS256\"}x", "{\"alg\":'RS256'}", "{alg:\"RS256\"}", "{\"alg\":\"RS256\",}", "{\"alg\":\"RS256\"}/**/" })
	void headerThatIsNotAJsonObjectIsMalformed(String header) {
		String token = Jose.b64(header) + "." + Jose.segments(valid())[1] + "." + Jose.segments(valid())[2];
		Expect.invalidToken(this.client.bearer("/api/data", token), MALFORMED);
	}

	@ParameterizedTest(name = "payload {0}")
	@ValueSource(strings = { "[{\"iss\":\"x\"}]", "\"claims\"", "42", "null", "true", " ", "{", "{\"iss\":\"x\"",
			"{\"iss\":\"x\"} trailing", "{'iss':'x'}", "{iss:1}", "{\"exp\":NaN}", "{\"exp\":Infinity}", "{\"exp\":1e400}" })
	void payloadThatIsNotAJsonObjectIsRefusedBeforeAnyKeyIsLookedUp(String payload) {
		// a kid the JWKS does not publish: looking it up would cost a JWKS fetch and answer "No key ..."
		String header = "{\"alg\":\"RS256\",\"kid\":\"never-published-" + java.util.UUID.randomUUID() + "\"}";
		String token = Jose.issuerSigned(issuer, header, payload);
		int fetches = issuer.jwksRequests();
		Expect.invalidToken(this.client.bearer("/api/data", token), NOT_AN_OBJECT);
		assertThat(issuer.jwksRequests()).as("JWKS requests while refusing the token").isEqualTo(fetches);
	}

	// RFC 7519 §7.2 step 10: an empty JSON array is not a claims set either (the parser must not read it as {})
	@Test
	void emptyJsonArrayPayloadIsRefusedAsNotAnObject() {
		String token = Jose.issuerSigned(issuer, Jose.rs256Header(issuer), "[]");
		Expect.invalidToken(this.client.bearer("/api/data", token), NOT_AN_OBJECT);
	}

	// RFC 7515 §5.2 / RFC 8259 §4: duplicate header names (alg none after RS256 and the other way round)
	@ParameterizedTest(name = "header {0}")
	@ValueSource(strings = { "{\"alg\":\"RS256\",\"alg\":\"none\"}", "{\"alg\":\"none\",\"alg\":\"RS256\"}",
			"{\"alg\":\"RS256\",\"kid\":\"a\",\"kid\":\"b\"}", "{\"alg\":\"RS256\",\"crit\":[\"x\"],\"crit\":[]}" })
	void duplicateHeaderNamesAreMalformed(String header) {
		String token = Jose.issuerSigned(issuer, header.replace("\"a\"", "\"" + issuer.rsaKey().getKeyID() + "\""),
				Claims.valid(issuer).json());
		Expect.invalidToken(this.client.bearer("/api/data", token), MALFORMED);
	}

	// RFC 7519 §4, RFC 8725 §2.3: duplicate claim names, even in a token the issuer signed
	@Test
	void duplicateClaimNamesAreRefused() {
		String other = "\"http://127.0.0.1:1\"";
		for (Claims claims : List.of(Claims.valid(issuer).duplicate("iss", other), Claims.valid(issuer).duplicate("aud", "\"billing-api\""),
				Claims.valid(issuer).duplicate("scope", "\"data:read data:write admin\""),
				Claims.valid(issuer).duplicate("exp", "99999999999"), Claims.valid(issuer).duplicate("sub", "\"root\""))) {
			Expect.invalidToken(this.client.bearer("/api/data", claims.signedBy(issuer)), NOT_AN_OBJECT);
		}
	}

	// RFC 8259 §8.1: JSON text exchanged between systems must be UTF-8
	@Test
	void segmentsThatAreNotUtf8AreRefused() {
		byte[] latin1Header = "{\"alg\":\"RS256\",\"kid\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
		byte[] utf16Header = "{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_16);
		byte[] binary = { (byte) 0xff, (byte) 0xfe, (byte) 0x00, (byte) 0x80, (byte) 0xc3, (byte) 0x28 };
		String payload = Jose.b64(Claims.valid(issuer).json());
		String signature = Jose.segments(valid())[2];
		Expect.invalidToken(this.client.bearer("/api/data", Jose.b64(latin1Header) + "." + payload + "." + signature),
				Set.of(MALFORMED, DecoderOracle.NO_KEY));
		Expect.invalidToken(this.client.bearer("/api/data", Jose.b64(utf16Header) + "." + payload + "." + signature), MALFORMED);
		Expect.invalidToken(this.client.bearer("/api/data", Jose.b64(binary) + "." + payload + "." + signature), MALFORMED);
		Expect.invalidToken(this.client.bearer("/api/data", Jose.issuerSignedBytes(issuer, Jose.rs256Header(issuer), binary)),
				NOT_AN_OBJECT);
	}

	// non-ASCII bytes on the wire, in the header value itself (sent as single ISO-8859-1 bytes)
	@Test
	void nonAsciiBytesInTheAuthorizationHeaderAreRefusedByTheHeaderRules() {
		String token = valid();
		for (String hostile : List.of(token + "\u00ff", "\u00e9" + token, token.substring(0, 30) + "\u00a0" + token.substring(30))) {
			Expect.invalidToken(this.client.raw("/api/data", List.of("Authorization: Bearer " + hostile)), BEARER_MALFORMED);
		}
	}

	// C1 control bytes (0x80-0x9F) are refused by Spring Security's StrictHttpFirewall before Warden runs: 400
	@Test
	void controlBytesInTheAuthorizationHeaderAreRefusedByTheFirewall() {
		String token = valid();
		for (String hostile : List.of(token.substring(0, 30) + "\u0080" + token.substring(30), token + "\u009f")) {
			Reply reply = this.client.raw("/api/data", List.of("Authorization: Bearer " + hostile));
			Expect.wellBehaved(reply);
			assertThat(reply.status()).as("%s", reply).isEqualTo(400);
			assertThat(reply.body()).doesNotContain("secret-data");
		}
	}

	// docs/security-model.md: the size limit is checked before the syntax, at exactly warden.max-token-size
	@Test
	void tokenOfExactlyTheSizeLimitIsParsedAndOneCharacterMoreIsRefused() {
		String atLimit = sized(6 * 1024);
		String overLimit = sized(6 * 1024 + 1);
		assertThat(atLimit).hasSize(6144);
		assertThat(overLimit).hasSize(6145);
		Expect.ok(this.client.bearer("/api/data", atLimit));
		Expect.invalidToken(this.client.bearer("/api/data", overLimit), TOO_LARGE);
		Expect.invalidToken(this.client.bearer("/api/data", "a".repeat(6145)), TOO_LARGE);
		Expect.invalidToken(this.client.bearer("/api/data", "a".repeat(6144)), MALFORMED);
	}

	// a 7 KB header value fits Tomcat's 8 KB header limit and reaches Warden's size check
	@Test
	void sevenKilobyteTokenReachesWardenAndIsRefusedAsTooLarge() {
		String[] p = Jose.segments(valid());
		String token = p[0] + "." + p[1] + "x".repeat(7 * 1024 - p[0].length() - p[1].length() - p[2].length() - 2) + "." + p[2];
		assertThat(token).hasSize(7 * 1024);
		Expect.invalidToken(this.client.bearer("/api/data", token), TOO_LARGE);
	}

	// beyond Tomcat's header limit the container answers 400 itself: still no 5xx, still fast
	@Test
	void headerBeyondTheContainerLimitIs400() {
		Reply reply = this.client.raw("/api/data", List.of("Authorization: Bearer " + "a".repeat(20 * 1024)));
		Expect.wellBehaved(reply);
		assertThat(reply.status()).isEqualTo(400);
	}

	/** A valid token of the issuer of exactly this many characters (RS256: 342-character signature). */
	private String sized(int length) {
		for (int headerPad = 0; headerPad < 4; headerPad++) {
			String header = "{\"alg\":\"RS256\",\"kid\":\"" + issuer.rsaKey().getKeyID() + "\",\"typ\":\"at+jwt\",\"x\":\""
					+ "h".repeat(headerPad) + "\"}";
			int fixed = Jose.b64(header).length() + 2 + 342;
			for (int pad = 0; pad < length; pad++) {
				String payload = Claims.valid(issuer).string("pad", "p".repeat(pad)).json();
				int total = fixed + Jose.b64(payload).length();
				if (total == length) {
					return Jose.issuerSigned(issuer, header, payload);
				}
				if (total > length) {
					break;
				}
			}
		}
		throw new IllegalStateException("no token of " + length + " characters");
	}

}
