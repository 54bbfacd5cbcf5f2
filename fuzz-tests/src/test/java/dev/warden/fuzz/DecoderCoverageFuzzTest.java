package dev.warden.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.internal.jwt.Pipeline;
import dev.warden.internal.jwt.TokenValidationSettings;
import dev.warden.internal.jwt.VerifiedTokenCache;
import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.internal.scope.ScopeClaims;
import dev.warden.internal.scope.WardenJwtAuthenticationConverter;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Coverage-guided fuzzing (Jazzer) of Warden's token decoder, the real one: Nimbus parsing, the
 * canonical-form and size checks, key selection against a JWKS served over HTTP by a test issuer,
 * the signature, the claim rules, the verified-token cache, then the authentication converter.
 * <p>
 * Without {@code JAZZER_FUZZ} each test replays its kept inputs
 * ({@code src/test/resources/dev/warden/fuzz/DecoderCoverageFuzzTestInputs/<test>/}); with
 * {@code JAZZER_FUZZ=1} Jazzer fuzzes one test (choose it with {@code -Dtest=…#method}) for
 * {@code jazzer.max_duration}. A finding is any exception other than the documented refusals, or
 * a token accepted that breaks a rule ({@link DecoderOracle}). See docs/testing.md, "Fuzzing".
 */
class DecoderCoverageFuzzTest {

	private static TestIssuer issuer;

	private static WardenJwtDecoder decoder;

	private static DecoderOracle oracle;

	private static String validToken;

	private static Instant now;

	private static final WardenJwtAuthenticationConverter converter = new WardenJwtAuthenticationConverter(
			ScopeClaims.standard());

	@BeforeAll
	static void start() {
		issuer = TestIssuer.start();
		// a clock that stands still, so that the oracle's now is the decoder's
		now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Pipeline pipeline = new Pipeline(issuer);
		pipeline.clock = Clock.fixed(now, ZoneOffset.UTC);
		pipeline.cache = new VerifiedTokenCache(10_000, pipeline.skew, pipeline.clock);
		decoder = pipeline.build();
		Set<String> algorithms = TokenValidationSettings.DEFAULT_ALGORITHMS.stream()
			.map((algorithm) -> algorithm.getName())
			.collect(Collectors.toSet());
		oracle = new DecoderOracle(new DecoderOracle.Settings(issuer.issuer(), pipeline.audiences, pipeline.skew, now,
				algorithms, false, 6 * 1024),
				List.of(new DecoderOracle.PublishedKey(issuer.rsaKey().getKeyID(), "RSA"),
						new DecoderOracle.PublishedKey(issuer.ecKey().getKeyID(), "EC")));
		validToken = issuer.token().scopes("data:read").sign();
		decoder.decode(validToken);
	}

	/**
	 * The decoder's only connections are to the issuer's JWKS on loopback; Jazzer reports any
	 * other as server-side request forgery. Set once Jazzer's agent runs (at the first input).
	 */
	private static synchronized void onlyTheIssuerMayBeCalled() {
		if (!networkRestricted) {
			int port = java.net.URI.create(issuer.issuer()).getPort();
			BugDetectors.allowNetworkConnections((host, connectPort) -> connectPort == port
					&& (host.equals("127.0.0.1") || host.equals("localhost")));
			networkRestricted = true;
		}
	}

	private static boolean networkRestricted;

	@AfterAll
	static void stop() {
		issuer.close();
	}

	/**
	 * Any text as a token: refused with an {@link InvalidTokenException}, or accepted only if it is
	 * the one valid token the issuer signed.
	 */
	@FuzzTest(maxDuration = "10m")
	void anyTokenTextIsRefusedCleanlyUnlessItIsTheValidToken(FuzzedDataProvider data) {
		onlyTheIssuerMayBeCalled();
		String token = data.consumeBoolean() ? validToken.substring(0, data.consumeInt(0, validToken.length()))
				+ data.consumeRemainingAsString() : data.consumeRemainingAsString();
		Jwt jwt;
		try {
			jwt = decoder.decode(token);
		}
		catch (InvalidTokenException ex) {
			return;
		}
		if (!token.equals(validToken)) {
			throw new AssertionError("accepted a token that is not the one the issuer signed");
		}
		converter.convert(jwt);
	}

	/** The claims whose raw value the fuzzer may write into otherwise valid claims ("ext" is not a registered claim). */
	private static final List<String> CLAIMS = List.of("iss", "aud", "sub", "iat", "exp", "jti", "scope", "nbf",
			"client_id", "scp", "cnf", "acr", "auth_time", "ext");

	/**
	 * Header and payload text, signed ES256 by the issuer's key: refused with an
	 * {@link InvalidTokenException}, or accepted only when the independent oracle finds every rule
	 * kept; the converter then builds an authentication or refuses with a 401. To reach the claim
	 * rules quickly, the fuzzer writes either everything, or the payload under a valid header, or
	 * one claim's raw JSON value in otherwise valid claims, or the header over valid claims.
	 */
	@FuzzTest(maxDuration = "10m")
	void issuerSignedHeaderAndPayloadAreAcceptedOnlyWhenEveryRuleHolds(FuzzedDataProvider data) {
		onlyTheIssuerMayBeCalled();
		String validHeader = "{\"alg\":\"ES256\",\"kid\":\"" + issuer.ecKey().getKeyID() + "\",\"typ\":\"at+jwt\"}";
		String header;
		String payload;
		switch (data.consumeInt(0, 3)) {
			case 0 -> {
				header = data.consumeString(300);
				payload = data.consumeRemainingAsString();
			}
			case 1 -> {
				header = validHeader;
				payload = data.consumeRemainingAsString();
			}
			case 2 -> {
				header = validHeader;
				String claim = data.pickValue(CLAIMS);
				payload = validClaims(claim, data.consumeRemainingAsString());
			}
			default -> {
				header = data.consumeRemainingAsString();
				payload = validClaims(null, null);
			}
		}
		String token = sign(header, payload);
		Jwt jwt;
		try {
			jwt = decoder.decode(token);
		}
		catch (InvalidTokenException ex) {
			return;
		}
		DecoderOracle.Verdict verdict = oracle.judge(header, payload, token.length(),
				new DecoderOracle.Signing(issuer.ecKey().getKeyID(), "ES256"));
		if (!verdict.accepted()) {
			throw new AssertionError("accepted a token that breaks " + verdict.refusals());
		}
		try {
			converter.convert(jwt);
		}
		catch (InvalidBearerTokenException ex) {
			// a 401
		}
	}

	/** Valid claims as JSON text, with one member's value replaced by raw text (or added). */
	private static String validClaims(String claim, String rawValue) {
		java.util.Map<String, String> members = new java.util.LinkedHashMap<>();
		members.put("iss", "\"" + issuer.issuer() + "\"");
		members.put("aud", "\"" + TestIssuer.AUDIENCE + "\"");
		members.put("sub", "\"alice\"");
		members.put("iat", Long.toString(now.getEpochSecond() - 10));
		members.put("exp", Long.toString(now.getEpochSecond() + 300));
		members.put("jti", "\"a3f1\"");
		members.put("scope", "\"data:read\"");
		if (claim != null) {
			members.put(claim, rawValue);
		}
		StringBuilder json = new StringBuilder("{");
		members.forEach((name, value) -> json.append((json.length() > 1) ? "," : "").append('"').append(name).append("\":")
			.append(value));
		return json.append('}').toString();
	}

	private static String sign(String header, String payload) {
		Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
		String input = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
		try {
			Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
			signature.initSign(issuer.ecKey().toECPrivateKey());
			signature.update(input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + url.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
