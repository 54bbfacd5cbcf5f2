package dev.warden.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.internal.jwt.DPoPSettings;
import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.internal.jwt.TokenValidationSettings;
import dev.warden.internal.revocation.PushRejectedException;
import dev.warden.internal.revocation.SecurityEventTokenVerifier;
import dev.warden.jwt.DPoPListener;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRequest;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of the two other parsers that read what a client sends: the DPoP
 * proof check (RFC 9449) as the pipeline runs it, and the Security Event Token verifier of the push
 * endpoint (RFC 8935). Any text is refused with the documented refusal — an
 * {@link InvalidTokenException} for a proof, a {@link PushRejectedException} with one of RFC 8935's
 * error codes for a SET — or accepted only if it is the one valid input signed here. Replays its
 * kept inputs without {@code JAZZER_FUZZ}; see docs/testing.md, "Fuzzing".
 */
class ProofAndSetFuzzTest {

	private static final String URI = "https://api.example.com/api/orders";

	private static final String ISSUER = "https://auth.example.com";

	private static final Set<String> SET_ERRORS = Set.of("invalid_request", "invalid_key", "invalid_issuer",
			"invalid_audience");

	private static String accessToken;

	private static Map<String, Object> confirmation;

	private static String validProof;

	private static SenderConstraints proofChecks;

	private static String validSet;

	private static SecurityEventTokenVerifier setVerifier;

	@BeforeAll
	static void setUp() throws Exception {
		ECKey proofKey = new ECKeyGenerator(Curve.P_256).keyID("proof").generate();
		accessToken = "eyJhbGciOiJSUzI1NiJ9." + UUID.randomUUID() + ".signature";
		String ath = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
		SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(proofKey.toPublicJWK())
			.build(),
				new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
					.claim("htm", "GET")
					.claim("htu", URI)
					.claim("ath", ath)
					.issueTime(Date.from(Instant.now()))
					.build());
		proof.sign(new ECDSASigner(proofKey));
		validProof = proof.serialize();
		confirmation = Map.of("jkt", proofKey.computeThumbprint().toString());
		// a replay cache that forgets: the valid proof stays valid for every input that equals it
		proofChecks = SenderConstraints.of(new DPoPSettings(true, false, DPoPSettings.DEFAULT_ALGORITHMS,
				Duration.ofHours(2), Duration.ofSeconds(60), 8 * 1024, null, (key, expiresAt) -> true,
				Clock.systemUTC()), DPoPListener.NONE);

		RSAKey transmitterKey = new RSAKeyGenerator(2048).keyID("transmitter").generate();
		SignedJWT set = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("secevent+jwt"))
			.keyID("transmitter")
			.build(),
				new JWTClaimsSet.Builder().issuer(ISSUER)
					.audience("orders-api")
					.jwtID(UUID.randomUUID().toString())
					.issueTime(Date.from(Instant.now()))
					.claim("sub_id", Map.of("format", "iss_sub", "iss", ISSUER, "sub", "alice"))
					.claim("events", Map.of("https://schemas.openid.net/secevent/caep/event-type/session-revoked",
							Map.of()))
					.build());
		set.sign(new RSASSASigner(transmitterKey));
		validSet = set.serialize();
		ImmutableJWKSet<com.nimbusds.jose.proc.SecurityContext> keys = new ImmutableJWKSet<>(
				new JWKSet(transmitterKey.toPublicJWK()));
		setVerifier = new SecurityEventTokenVerifier((iss) -> ISSUER.equals(iss) ? keys : null, Set.of("orders-api"),
				TokenValidationSettings.DEFAULT_ALGORITHMS, Duration.ofSeconds(60), Clock.systemUTC());
	}

	private static String input(FuzzedDataProvider data, String valid) {
		return data.consumeBoolean() ? valid.substring(0, data.consumeInt(0, valid.length()))
				+ data.consumeRemainingAsString() : data.consumeRemainingAsString();
	}

	/** Any text as the DPoP proof of a request: refused cleanly unless it is the valid proof. */
	@FuzzTest(maxDuration = "10m")
	void anyProofIsRefusedCleanlyUnlessItIsTheValidProof(FuzzedDataProvider data) {
		String proof = input(data, validProof);
		try (TokenRequest.Scope scope = TokenRequest.bind(TokenRequest.of(TokenRequest.Scheme.DPOP, "GET", URI, List.of(proof), null))) {
			proofChecks.verify(accessToken, confirmation);
		}
		catch (InvalidTokenException ex) {
			return;
		}
		if (!proof.equals(validProof)) {
			throw new AssertionError("accepted a DPoP proof that is not the one signed here");
		}
	}

	/** Any text as a pushed SET: an RFC 8935 error unless it is the valid SET. */
	@FuzzTest(maxDuration = "10m")
	void anySetIsRefusedWithItsErrorUnlessItIsTheValidSet(FuzzedDataProvider data) {
		String set = input(data, validSet);
		try {
			setVerifier.verify(set);
		}
		catch (PushRejectedException ex) {
			if (!SET_ERRORS.contains(ex.code())) {
				throw new AssertionError("refused with an error code RFC 8935 does not define: " + ex.code());
			}
			return;
		}
		if (!set.trim().equals(validSet)) {
			throw new AssertionError("accepted a SET that is not the one signed here");
		}
	}

}
