package dev.warden.internal.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token pipeline against a real HTTP JWKS endpoint: every acceptance and rejection of the
 * validation order.
 */
class WardenJwtDecoderTest {

	private TestIssuer issuer;

	private Pipeline pipeline;

	@BeforeEach
	void start() {
		this.issuer = TestIssuer.start();
		this.pipeline = new Pipeline(this.issuer);
	}

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	private void assertRejected(String token, TokenRejection reason, String description) {
		WardenJwtDecoder decoder = this.pipeline.build();
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(token))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(reason);
				assertThat(ex.getMessage()).isEqualTo(description);
			});
	}

	@Test
	void validRs256TokenIsAccepted() {
		Jwt jwt = this.pipeline.build().decode(this.issuer.token().scopes("orders:read").sign());
		assertThat(jwt.getSubject()).isEqualTo("alice");
		assertThat(jwt.getAudience()).containsExactly(TestIssuer.AUDIENCE);
		assertThat(jwt.getExpiresAt()).isAfter(Instant.now());
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("orders:read");
		assertThat(this.issuer.jwksRequests()).isEqualTo(1);
	}

	@Test
	void validEs256TokenIsAccepted() {
		Jwt jwt = this.pipeline.build().decode(this.issuer.token().es256().sign());
		assertThat(jwt.getHeaders()).containsEntry("alg", "ES256");
	}

	@Test
	void keysAreFetchedOnceAndCached() {
		WardenJwtDecoder decoder = this.pipeline.build();
		for (int i = 0; i < 5; i++) {
			decoder.decode(this.issuer.token().sign());
		}
		assertThat(this.issuer.jwksRequests()).isEqualTo(1);
	}

	@Test
	void tamperedSignatureIsRejected() {
		String token = this.issuer.token().sign();
		String[] parts = token.split("\\.");
		String otherPayload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("{\"iss\":\"" + this.issuer.issuer() + "\",\"sub\":\"mallory\",\"aud\":\"orders-api\","
					+ "\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}")
				.getBytes(StandardCharsets.UTF_8));
		assertRejected(parts[0] + "." + otherPayload + "." + parts[2], TokenRejection.INVALID_SIGNATURE,
				DecoderOracle.SIGNATURE);
	}

	@Test
	void tokenSignedByAnotherKeyWithTheSameKidIsRejected() throws Exception {
		RSAKey forger = new RSAKeyGenerator(2048).keyID(this.issuer.rsaKey().getKeyID()).generate();
		assertRejected(this.issuer.token().signedWith(forger).sign(), TokenRejection.INVALID_SIGNATURE,
				DecoderOracle.SIGNATURE);
	}

	@Test
	void algNoneIsRejected() {
		String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String payload = b64("{\"iss\":\"" + this.issuer.issuer() + "\",\"sub\":\"mallory\"}");
		assertRejected(header + "." + payload + ".", TokenRejection.INVALID_SIGNATURE, DecoderOracle.UNSIGNED);
	}

	@Test
	void hs256SignedWithTheRsaPublicKeyIsRejected() throws Exception {
		byte[] publicKey = this.issuer.rsaKey().toRSAPublicKey().getEncoded();
		JWSObject forged = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256)
			.keyID(this.issuer.rsaKey().getKeyID())
			.build(), new Payload(this.issuer.token().sign().split("\\.")[1].length() > 0 ? claimsJson() : ""));
		forged.sign(new MACSigner(pad(publicKey)));
		assertRejected(forged.serialize(), TokenRejection.INVALID_SIGNATURE, DecoderOracle.ALGORITHM);
		assertThat(this.issuer.jwksRequests()).isZero();
	}

	@Test
	void unknownKidIsRejectedAfterOneRefetch() throws Exception {
		WardenJwtDecoder decoder = this.pipeline.build();
		decoder.decode(this.issuer.token().sign());
		RSAKey other = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> decoder.decode(this.issuer.token().signedWith(other).sign()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(TokenRejection.UNKNOWN_KEY));
		assertThat(this.issuer.jwksRequests()).isEqualTo(2);
	}

	@Test
	void expiredTokenIsRejectedAsExpired() {
		assertRejected(this.issuer.token().expiresAt(Instant.now().minusSeconds(120)).sign(), TokenRejection.EXPIRED,
				DecoderOracle.EXPIRED);
	}

	@Test
	void expiredTokenWithinClockSkewIsAccepted() {
		String token = this.issuer.token().expiresAt(Instant.now().minusSeconds(30)).issuedAt(Instant.now().minusSeconds(600)).sign();
		assertThat(this.pipeline.build().decode(token).getSubject()).isEqualTo("alice");
	}

	@Test
	void skewBoundaryIsExactForExp() {
		Instant exp = Instant.parse("2030-01-01T00:00:00Z");
		String token = this.issuer.token().expiresAt(exp).issuedAt(exp.minusSeconds(600)).sign();
		this.pipeline.clock = Clock.fixed(exp.plusSeconds(59), ZoneOffset.UTC);
		assertThat(this.pipeline.build().decode(token)).isNotNull();
		this.pipeline.clock = Clock.fixed(exp.plusSeconds(60), ZoneOffset.UTC);
		assertRejected(token, TokenRejection.EXPIRED, DecoderOracle.EXPIRED);
	}

	@Test
	void zeroSkewRejectsAJustExpiredToken() {
		this.pipeline.skew = Duration.ZERO;
		assertRejected(this.issuer.token().expiresAt(Instant.now().minusSeconds(1)).sign(), TokenRejection.EXPIRED,
				DecoderOracle.EXPIRED);
	}

	@Test
	void nbfInTheFutureIsRejected() {
		assertRejected(this.issuer.token().notBefore(Instant.now().plusSeconds(120)).sign(),
				TokenRejection.NOT_YET_VALID, DecoderOracle.NOT_YET_VALID);
	}

	@Test
	void nbfWithinSkewIsAccepted() {
		assertThat(this.pipeline.build().decode(this.issuer.token().notBefore(Instant.now().plusSeconds(30)).sign()))
			.isNotNull();
	}

	@Test
	void iatInTheFutureIsRejected() {
		assertRejected(this.issuer.token().issuedAt(Instant.now().plusSeconds(120)).sign(),
				TokenRejection.NOT_YET_VALID, DecoderOracle.ISSUED_IN_FUTURE);
	}

	@Test
	void wrongIssuerIsRejected() {
		assertRejected(this.issuer.token().claim("iss", "https://evil.example").sign(), TokenRejection.INVALID_ISSUER,
				DecoderOracle.ISSUER);
	}

	@Test
	void issuerWithTrailingSlashOrOtherCaseIsRejected() {
		assertRejected(this.issuer.token().claim("iss", this.issuer.issuer() + "/").sign(),
				TokenRejection.INVALID_ISSUER, DecoderOracle.ISSUER);
		assertRejected(this.issuer.token().claim("iss", this.issuer.issuer().toUpperCase()).sign(),
				TokenRejection.INVALID_ISSUER, DecoderOracle.ISSUER);
	}

	@Test
	void wrongAudienceIsRejected() {
		assertRejected(this.issuer.token().claim("aud", "billing-api").sign(), TokenRejection.INVALID_AUDIENCE,
				DecoderOracle.AUDIENCE);
	}

	@Test
	void missingAudienceIsRejected() {
		assertRejected(this.issuer.token().without("aud").sign(), TokenRejection.INVALID_AUDIENCE,
				DecoderOracle.NO_AUDIENCE);
	}

	@Test
	void audienceArrayContainingOurAudienceIsAccepted() {
		assertThat(this.pipeline.build()
			.decode(this.issuer.token().claim("aud", List.of("billing-api", TestIssuer.AUDIENCE)).sign())
			.getAudience()).contains(TestIssuer.AUDIENCE);
	}

	@Test
	void anyAudienceIsAcceptedWhenNoneIsConfigured() {
		this.pipeline.audiences = java.util.Set.of();
		assertThat(this.pipeline.build().decode(this.issuer.token().claim("aud", "billing-api").sign())).isNotNull();
	}

	@Test
	void missingExpIsRejected() {
		assertRejected(this.issuer.token().without("exp").sign(), TokenRejection.MALFORMED,
				DecoderOracle.NO_EXPIRY);
	}

	@Test
	void expOfTheWrongTypeIsRejected() {
		assertRejected(this.issuer.token().claim("exp", "tomorrow").sign(), TokenRejection.MALFORMED,
				"The token's exp is not a number");
	}

	@Test
	void hugeExpIsRejectedRatherThanOverflowing() {
		// as a double (BigDecimal path) and as the largest long (integer path): neither may wrap into the past or
		// overflow Instant, and neither is taken for "never expires"
		assertRejected(this.issuer.token().claim("exp", 1e30).sign(), TokenRejection.MALFORMED,
				"The token's exp is out of range");
		assertRejected(this.issuer.token().claim("exp", Long.MAX_VALUE).sign(), TokenRejection.MALFORMED,
				"The token's exp is out of range");
	}

	@Test
	void hugeNbfIsRejectedRatherThanOverflowing() {
		assertRejected(this.issuer.token().claim("nbf", 1e30).sign(), TokenRejection.MALFORMED,
				"The token's nbf is out of range");
	}

	@Test
	void fractionalTimeClaimsAreAccepted() {
		double exp = Instant.now().plusSeconds(300).getEpochSecond() + 0.5;
		assertThat(this.pipeline.build().decode(this.issuer.token().claim("exp", exp).sign()).getExpiresAt())
			.isNotNull();
	}

	@Test
	void expNotAfterIatIsRejected() {
		Instant now = Instant.now();
		assertRejected(this.issuer.token().issuedAt(now).expiresAt(now).claim("exp", now.getEpochSecond() + 30)
			.claim("iat", now.getEpochSecond() + 30)
			.sign(), TokenRejection.MALFORMED, DecoderOracle.EXP_NOT_AFTER_IAT);
	}

	@Test
	void atJwtJwtAndAbsentTypesAreAccepted() {
		WardenJwtDecoder decoder = this.pipeline.build();
		for (String type : new String[] { "at+jwt", "application/at+jwt", "JWT", null }) {
			assertThat(decoder.decode(this.issuer.token().type(type).sign())).isNotNull();
		}
	}

	@Test
	void otherTypeIsRejected() {
		assertRejected(this.issuer.token().type("dpop+jwt").sign(), TokenRejection.MALFORMED,
				DecoderOracle.TYPE);
	}

	@Test
	void strictProfileRequiresAtJwt() {
		this.pipeline.strict = true;
		assertRejected(this.issuer.token().type("JWT").claim("client_id", "c").sign(), TokenRejection.MALFORMED,
				DecoderOracle.STRICT_TYPE);
	}

	@Test
	void strictProfileRequiresItsClaims() {
		this.pipeline.strict = true;
		assertRejected(this.issuer.token().sign(), TokenRejection.MALFORMED,
				"The token lacks the claim client_id required by RFC 9068");
		assertThat(this.pipeline.build().decode(this.issuer.token().claim("client_id", "orders-reader").sign()))
			.isNotNull();
	}

	@Test
	void jweIsRejected() throws Exception {
		JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM),
				new Payload(claimsJson()));
		jwe.encrypt(new RSAEncrypter(this.issuer.rsaKey().toRSAPublicKey()));
		assertRejected(jwe.serialize(), TokenRejection.MALFORMED, "Encrypted tokens (JWE) are not accepted");
	}

	@Test
	void nestedJwtIsRejected() throws Exception {
		SignedJWT inner = SignedJWT.parse(this.issuer.token().sign());
		JWSObject outer = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256)
			.keyID(this.issuer.rsaKey().getKeyID())
			.contentType("JWT")
			.build(), new Payload(inner.serialize()));
		outer.sign(new com.nimbusds.jose.crypto.RSASSASigner(this.issuer.rsaKey()));
		assertRejected(outer.serialize(), TokenRejection.MALFORMED, DecoderOracle.NESTED);
	}

	@Test
	void malformedSegmentsAreRejected() {
		String token = this.issuer.token().sign();
		for (String bad : new String[] { "abc", "a.b", token + ".extra", token.replace('.', '!'), "..",
				"e30.e30.e30.e30.e30.e30", "eyJhbGciOiJSUzI1NiJ9.bm90LWpzb24.c2ln" }) {
			WardenJwtDecoder decoder = this.pipeline.build();
			assertThatExceptionOfType(InvalidTokenException.class).as(bad)
				.isThrownBy(() -> decoder.decode(bad))
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(bad));
		}
	}

	@Test
	void oversizedTokenIsRejectedBeforeParsing() {
		assertRejected("a".repeat(7000), TokenRejection.MALFORMED, DecoderOracle.TOO_LARGE);
	}

	@Test
	void principalClaimsArePreserved() {
		Jwt jwt = this.pipeline.build()
			.decode(this.issuer.token().without("sub").claim("client_id", "orders-reader").sign());
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo("orders-reader");
	}

	private String claimsJson() {
		return new JWTClaimsSet.Builder().issuer(this.issuer.issuer())
			.audience(TestIssuer.AUDIENCE)
			.subject("mallory")
			.expirationTime(java.util.Date.from(Instant.now().plusSeconds(300)))
			.build()
			.toString();
	}

	private static byte[] pad(byte[] key) {
		return (key.length >= 32) ? key : java.util.Arrays.copyOf(key, 32);
	}

	private static String b64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
