package dev.warden.security.fuzz;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.internal.scope.ScopeClaims;
import dev.warden.internal.scope.WardenJwtAuthenticationConverter;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.security.support.PipelineBuilder;
import dev.warden.security.support.TokenTrail;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of the real pipeline (decoder with the verified-token cache, JWKS over
 * HTTP, and the authentication converter), without HTTP in between so that many more inputs fit in
 * the time budget, including characters no HTTP header can carry. A seeded randomized loop: see
 * {@link FuzzSettings} for the seed and how to run longer. Properties:
 * <ul>
 * <li>a mutation of a valid token is accepted only if it is the valid token;</li>
 * <li>the only failure is Warden's {@code InvalidTokenException} (a 401): any other exception
 * would reach the client as a 500 or a 503;</li>
 * <li>a token the issuer signed over a random header and random claims is accepted exactly when an
 * independent oracle ({@link DecoderOracle}) says every rule the decoder documents holds, in the
 * default and in the strict RFC 9068 profile; a refused token is refused with the description
 * (and reason) of a rule it really breaks; an accepted one carries exactly the signed claims, and
 * the converter builds exactly the predicted authorities and name, or refuses with a 401 it
 * predicts. A quarter of the generated tokens at least must be valid and accepted (positive
 * control), and every rule must have been the only one broken by some token;</li>
 * <li>no token text reaches the log.</li>
 * </ul>
 */
@ExtendWith(OutputCaptureExtension.class)
class DecoderFuzzTest {

	/** About 8 s on an idle 2-core machine. */
	static final int MUTATION_TRIES = 200_000;

	/** About 15 s on an idle 2-core machine (each token is RSA-signed, then decoded twice in two modes). */
	static final int CLAIM_TRIES = 10_000;

	private static TestIssuer issuer;

	@BeforeAll
	static void start() {
		issuer = TestIssuer.start();
	}

	@AfterAll
	static void stop() {
		issuer.close();
	}

	private static WardenJwtDecoder decoder() {
		PipelineBuilder pipeline = new PipelineBuilder(issuer);
		pipeline.tokenCache = true;
		return pipeline.build();
	}

	@Test
	void mutatedTokensAreOnlyEverRefusedWithInvalidTokenException(CapturedOutput output) {
		FuzzSettings settings = FuzzSettings.current();
		System.out.println("DecoderFuzzTest mutations: " + settings);
		Random random = settings.random("decoder-mutations");
		TokenMutator mutator = new TokenMutator(random, false);
		WardenJwtDecoder decoder = decoder();
		String valid = issuer.token().scopes("data:read").sign();
		decoder.decode(valid);
		Violations violations = new Violations(settings);
		int tries = settings.tries(MUTATION_TRIES);
		for (int i = 0; i < tries; i++) {
			String mutated = mutator.mutate(valid);
			violations.tried();
			String example = Violations.diff(valid, mutated) + " via " + mutator.applied();
			try {
				decoder.decode(mutated);
				if (!mutated.equals(valid)) {
					violations.add("ACCEPTED a token that is not the valid one: "
							+ TokenMutationFuzzTest.classify(valid, mutated), example);
				}
			}
			catch (InvalidTokenException ex) {
				if (mutated.equals(valid)) {
					violations.add("refused the valid token", example);
				}
			}
			catch (Throwable ex) {
				violations.add("unexpected " + signature(ex), example);
			}
		}
		violations.assertNone("Token mutations into the decoder");
		for (int i = 0; i + 24 <= valid.length(); i += 12) {
			assertThat(output.getAll()).as("token text in the log").doesNotContain(valid.substring(i, i + 24));
		}
	}

	@Test
	void issuerSignedTokensWithRandomHeadersAndClaimsAreAcceptedExactlyWhenEveryDocumentedRuleHolds(
			CapturedOutput output) {
		FuzzSettings settings = FuzzSettings.current();
		System.out.println("DecoderFuzzTest claims: " + settings);
		Random random = settings.random("decoder-claims");
		// a clock that stands still: the oracle's "now" is exactly the decoder's, so skew boundaries are exact
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);
		Map<String, PipelineBuilder> pipelines = new LinkedHashMap<>();
		for (String mode : List.of("lenient", "strict")) {
			PipelineBuilder pipeline = new PipelineBuilder(issuer);
			pipeline.tokenCache = true;
			pipeline.clock = clock;
			pipeline.strictRfc9068 = mode.equals("strict");
			pipelines.put(mode, pipeline);
		}
		Map<String, WardenJwtDecoder> decoders = new LinkedHashMap<>();
		Map<String, DecoderOracle> oracles = new LinkedHashMap<>();
		pipelines.forEach((mode, pipeline) -> {
			decoders.put(mode, pipeline.build());
			oracles.put(mode, oracle(pipeline, now));
		});
		WardenJwtAuthenticationConverter converter = new WardenJwtAuthenticationConverter(ScopeClaims.standard());
		ClaimsGenerator generator = new ClaimsGenerator(random, issuer, now);
		TokenTrail trail = new TokenTrail();
		Violations violations = new Violations(settings);
		Map<String, Integer> accepted = new LinkedHashMap<>();
		Map<String, Integer> brokenAlone = new TreeMap<>();
		int tries = settings.tries(CLAIM_TRIES);
		for (int i = 0; i < tries; i++) {
			ClaimsGenerator.Generated generated = generator.next();
			String token = generated.token();
			trail.remember(token);
			violations.tried();
			for (Map.Entry<String, WardenJwtDecoder> entry : decoders.entrySet()) {
				String mode = entry.getKey();
				DecoderOracle.Verdict verdict = oracles.get(mode)
					.judge(generated.header(), generated.payload(), token.length(), generated.signing());
				String example = mode + " " + generated.describe();
				Jwt jwt;
				try {
					jwt = entry.getValue().decode(token);
				}
				catch (InvalidTokenException ex) {
					if (verdict.accepted()) {
						violations.add(mode + ": REFUSED a valid token: " + ex.getMessage(), example);
					}
					else if (!verdict.refusals().contains(ex.getMessage())) {
						violations.add(mode + ": refused for a rule the token keeps: " + ex.getMessage(),
								example + " breaks " + verdict.refusals());
					}
					else if (ex.reason() != DecoderOracle.reasonOf(ex.getMessage())) {
						violations.add(mode + ": reason " + ex.reason() + " for " + ex.getMessage(), example);
					}
					else if (verdict.refusals().size() == 1) {
						brokenAlone.merge(mode + ": " + ex.getMessage(), 1, Integer::sum);
					}
					continue;
				}
				catch (Throwable ex) {
					violations.add(mode + ": decoder threw " + signature(ex), example);
					continue;
				}
				if (!verdict.accepted()) {
					violations.add(mode + ": ACCEPTED a token that breaks " + verdict.refusals(), example);
					continue;
				}
				accepted.merge(mode, 1, Integer::sum);
				checkAccepted(violations, mode, example, generated, token, jwt, entry.getValue());
				if (mode.equals("lenient")) {
					checkConversion(violations, example, generated.payload(), jwt, converter, brokenAlone);
				}
			}
		}
		System.out.println("DecoderFuzzTest claims: " + tries + " tokens, accepted " + accepted
				+ ", refused for the only rule broken " + brokenAlone);
		violations.assertNone("Issuer-signed tokens with random headers and claims");
		// positive control: a decoder that refused everything (or a generator that made only bad tokens) fails here;
		// about 27% (default profile) and 9% (strict) of the tokens are valid, the bounds leave room for any seed
		int lenientShare = (tries >= 1000) ? tries / 5 : 1;
		int strictShare = (tries >= 1000) ? tries / 20 : 1;
		assertThat(accepted.getOrDefault("lenient", 0)).as("valid tokens accepted (default profile) of %s", tries)
			.isGreaterThanOrEqualTo(lenientShare);
		assertThat(accepted.getOrDefault("strict", 0)).as("valid tokens accepted (strict RFC 9068) of %s", tries)
			.isGreaterThanOrEqualTo(strictShare);
		if (tries >= CLAIM_TRIES) {
			// every rule was the only one a token broke, at least once: each oracle above had something to judge
			assertThat(brokenAlone.keySet()).as("rules seen as the only one a token broke: %s", brokenAlone)
				.containsAll(RULES_BROKEN_ALONE);
		}
		trail.assertNotIn(output);
	}

	/**
	 * Every rule the generator makes some token break on its own: all the decoder documents, but
	 * for an unsigned token (always malformed too, as it carries a signature), the RFC 9068 claims
	 * iss, aud and exp (their absence breaks the issuer, audience or expiry rule too) and a claims
	 * set without any claim (which the generator does not make).
	 */
	static final List<String> RULES_BROKEN_ALONE = List.of("lenient: " + DecoderOracle.TOO_LARGE,
			"lenient: " + DecoderOracle.MALFORMED, "lenient: " + DecoderOracle.ALGORITHM,
			"lenient: " + DecoderOracle.CRITICAL, "lenient: " + DecoderOracle.NESTED,
			"lenient: " + DecoderOracle.NOT_AN_OBJECT, "lenient: " + DecoderOracle.NO_KEY,
			"lenient: " + DecoderOracle.SIGNATURE, "lenient: " + DecoderOracle.ISSUER,
			"lenient: " + DecoderOracle.NO_AUDIENCE, "lenient: " + DecoderOracle.AUDIENCE_TYPE,
			"lenient: " + DecoderOracle.AUDIENCE, "lenient: " + DecoderOracle.CONFIRMATION,
			"lenient: " + DecoderOracle.NO_EXPIRY, "lenient: " + DecoderOracle.EXPIRED,
			"lenient: " + DecoderOracle.NOT_YET_VALID, "lenient: " + DecoderOracle.ISSUED_IN_FUTURE,
			"lenient: " + DecoderOracle.EXP_NOT_AFTER_IAT, "lenient: " + DecoderOracle.TYPE,
			"lenient: The token's exp is not a number", "lenient: The token's exp is out of range",
			"lenient: The token's nbf is not a number", "lenient: The token's nbf is out of range",
			"lenient: The token's iat is not a number", "lenient: The token's iat is out of range",
			"lenient: " + DecoderOracle.CONFIRMATION_MEMBER + "x5t#S256",
			"lenient: " + DecoderOracle.CONFIRMATION_MEMBER + "jkt", "lenient: " + DecoderOracle.CERTIFICATE_BOUND,
			"lenient: " + DecoderOracle.DPOP_BOUND, "lenient: " + DecoderOracle.ACR,
			"lenient: " + DecoderOracle.AUTH_TIME_NOT_A_NUMBER, "lenient: " + DecoderOracle.AUTH_TIME_OUT_OF_RANGE,
			"lenient: " + DecoderOracle.AUTH_TIME_IN_FUTURE,
			"strict: " + DecoderOracle.STRICT_TYPE, "strict: The token lacks the claim sub required by RFC 9068",
			"strict: The token lacks the claim client_id required by RFC 9068",
			"strict: The token lacks the claim iat required by RFC 9068",
			"strict: The token lacks the claim jti required by RFC 9068",
			"converter: The token's scope claim is not a string or an array of strings",
			"converter: The token's scp claim is not a string or an array of strings",
			"converter: The token's sub or client_id claim is not a string",
			"converter: The token names no subject (sub) or client (client_id)");

	private static DecoderOracle oracle(PipelineBuilder pipeline, Instant now) {
		Set<String> algorithms = new LinkedHashSet<>();
		pipeline.algorithms.forEach((algorithm) -> algorithms.add(algorithm.getName()));
		return new DecoderOracle(
				new DecoderOracle.Settings(issuer.issuer(), pipeline.audiences, pipeline.skew, now, algorithms,
						pipeline.strictRfc9068, pipeline.maxTokenLength),
				List.of(new DecoderOracle.PublishedKey(issuer.rsaKey().getKeyID(), "RSA"),
						new DecoderOracle.PublishedKey(issuer.ecKey().getKeyID(), "EC")));
	}

	/** An accepted token carries exactly what was signed, and decoding it again gives the same claims. */
	private static void checkAccepted(Violations violations, String mode, String example,
			ClaimsGenerator.Generated generated, String token, Jwt jwt, WardenJwtDecoder decoder) {
		if (!token.equals(jwt.getTokenValue())) {
			violations.add(mode + ": accepted token carries another token value", example);
		}
		if (!issuer.issuer().equals(jwt.getClaims().get("iss"))) {
			violations.add(mode + ": accepted token's iss is not the issuer", example);
		}
		if (jwt.getAudience() == null || !jwt.getAudience().contains(TestIssuer.AUDIENCE)) {
			violations.add(mode + ": accepted token's aud lacks the audience", example);
		}
		Map<String, Instant> times = DecoderOracle.timeClaims(generated.payload());
		if (!Objects.equals(times.get("exp"), jwt.getExpiresAt()) || !Objects.equals(times.get("nbf"), jwt.getNotBefore())
				|| !Objects.equals(times.get("iat"), jwt.getIssuedAt())) {
			violations.add(mode + ": accepted token's time claims differ from the signed ones", example + " expected "
					+ times + " got exp=" + jwt.getExpiresAt() + " nbf=" + jwt.getNotBefore() + " iat=" + jwt.getIssuedAt());
		}
		try {
			// a hit of the verified-token cache, or (when the entry's lifetime ran out) a fresh decode: the same claims
			Jwt again = decoder.decode(token);
			if (!again.getClaims().equals(jwt.getClaims()) || !again.getHeaders().equals(jwt.getHeaders())) {
				violations.add(mode + ": decoding an accepted token again gives other claims", example);
			}
		}
		catch (Throwable ex) {
			violations.add(mode + ": decoding an accepted token again threw " + signature(ex), example);
		}
	}

	/** The converter builds exactly the predicted authorities and name, or refuses with a 401 the oracle predicts. */
	private static void checkConversion(Violations violations, String example, String payload, Jwt jwt,
			WardenJwtAuthenticationConverter converter, Map<String, Integer> brokenAlone) {
		DecoderOracle.Authentication expected = DecoderOracle.authentication(payload);
		try {
			AbstractAuthenticationToken authentication = converter.convert(jwt);
			Set<String> authorities = new LinkedHashSet<>();
			authentication.getAuthorities().forEach((authority) -> authorities.add(authority.getAuthority()));
			if (!expected.refusals().isEmpty()) {
				violations.add("converter: ACCEPTED claims it must refuse: " + expected.refusals(), example);
			}
			else if (!authorities.equals(expected.authorities()) || !expected.name().equals(authentication.getName())) {
				violations.add("converter: wrong authentication",
						example + " expected " + expected + " got " + authorities + " " + authentication.getName());
			}
		}
		catch (InvalidBearerTokenException ex) {
			if (!expected.refusals().contains(ex.getMessage())) {
				violations.add("converter: refused with " + ex.getMessage(), example + " expected " + expected);
			}
			else if (expected.refusals().size() == 1) {
				brokenAlone.merge("converter: " + ex.getMessage(), 1, Integer::sum);
			}
		}
		catch (Throwable ex) {
			violations.add("converter threw " + signature(ex), example);
		}
	}

	/** An exception's class and the first frame of Warden or Spring Security that threw it. */
	private static String signature(Throwable ex) {
		for (StackTraceElement frame : ex.getStackTrace()) {
			if (frame.getClassName().startsWith("dev.warden") || frame.getClassName().startsWith("org.springframework")) {
				return ex.getClass().getName() + " at " + frame;
			}
		}
		return ex.toString();
	}

}
