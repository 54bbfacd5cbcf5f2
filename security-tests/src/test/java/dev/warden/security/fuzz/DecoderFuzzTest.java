package dev.warden.security.fuzz;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.internal.scope.ScopeClaims;
import dev.warden.internal.scope.WardenJwtAuthenticationConverter;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.security.support.Claims;
import dev.warden.security.support.Jose;
import dev.warden.security.support.PipelineBuilder;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Property-based fuzzing of the real pipeline (decoder with the verified-token cache, JWKS over
 * HTTP, and the authentication converter), without HTTP in between so that many more inputs fit in
 * the time budget, including characters no HTTP header can carry. A seeded randomized loop: see
 * {@link FuzzSettings} for the seed and how to run longer. Properties:
 * <ul>
 * <li>a mutation of a valid token is accepted only if it is the valid token;</li>
 * <li>the only failure is Warden's {@code InvalidTokenException} (a 401): any other exception
 * would reach the client as a 500 or a 503;</li>
 * <li>a token the issuer signed over random claims is accepted only when its claims are valid
 * (exact issuer, an audience of the service, a NumericDate exp in the future, NumericDate nbf/iat
 * when present), and the converter either builds an authentication or refuses with a 401.</li>
 * </ul>
 */
@ExtendWith(OutputCaptureExtension.class)
class DecoderFuzzTest {

	/** About 8 s on an idle 2-core machine. */
	static final int MUTATION_TRIES = 200_000;

	/** About 10 s on an idle 2-core machine (each token is RSA-signed). */
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
			org.assertj.core.api.Assertions.assertThat(output.getAll()).as("token text in the log")
				.doesNotContain(valid.substring(i, i + 24));
		}
	}

	@Test
	void issuerSignedTokensWithRandomClaimsAreAcceptedOnlyWhenValidAndNeverCrash() {
		FuzzSettings settings = FuzzSettings.current();
		System.out.println("DecoderFuzzTest claims: " + settings);
		Random random = settings.random("decoder-claims");
		WardenJwtDecoder decoder = decoder();
		WardenJwtAuthenticationConverter converter = new WardenJwtAuthenticationConverter(ScopeClaims.standard());
		Violations violations = new Violations(settings);
		int tries = settings.tries(CLAIM_TRIES);
		for (int i = 0; i < tries; i++) {
			long now = Instant.now().getEpochSecond();
			Claims claims = Claims.valid(issuer);
			StringBuilder changed = new StringBuilder();
			for (String claim : List.of("iss", "aud", "exp", "nbf", "iat", "sub", "client_id", "scope", "scp", "cnf")) {
				if (random.nextInt(3) == 0) {
					String value = randomJson(random, claim, now);
					if (value == null) {
						claims.without(claim);
					}
					else {
						claims.raw(claim, value);
					}
					changed.append(claim).append('=').append(value).append(' ');
				}
			}
			String header = randomHeader(random);
			String json = claims.json();
			String token = Jose.issuerSigned(issuer, header, json);
			violations.tried();
			String example = changed + "| " + header.replace(issuer.rsaKey().getKeyID(), "<kid>");
			Jwt jwt;
			try {
				jwt = decoder.decode(token);
			}
			catch (InvalidTokenException ex) {
				continue;
			}
			catch (Throwable ex) {
				violations.add("decoder threw " + signature(ex), Violations.printable(example, 200));
				continue;
			}
			String invalidReason = invalidReason(jwt, json, now);
			if (invalidReason != null) {
				violations.add("ACCEPTED invalid claims: " + invalidReason, Violations.printable(example, 200));
			}
			try {
				converter.convert(jwt);
			}
			catch (InvalidBearerTokenException ex) {
				// 401
			}
			catch (Throwable ex) {
				violations.add("converter threw " + signature(ex), Violations.printable(example, 200));
			}
		}
		violations.assertNone("Issuer-signed tokens with random claims");
	}

	/** Why accepted claims are not valid, or null. */
	private static String invalidReason(Jwt jwt, String json, long now) {
		Map<String, Object> raw;
		try {
			raw = com.nimbusds.jose.util.JSONObjectUtils.parse(json);
		}
		catch (java.text.ParseException ex) {
			return "payload is not JSON";
		}
		if (!issuer.issuer().equals(raw.get("iss"))) {
			return "iss is not the issuer";
		}
		Object aud = raw.get("aud");
		boolean audOk = TestIssuer.AUDIENCE.equals(aud) || (aud instanceof List<?> list && list.contains(TestIssuer.AUDIENCE)
				&& list.stream().allMatch(String.class::isInstance));
		if (!audOk) {
			return "aud does not name the service";
		}
		for (String claim : List.of("exp", "nbf", "iat")) {
			if (raw.containsKey(claim) && !(raw.get(claim) instanceof Number)) {
				return claim + " is not a NumericDate";
			}
		}
		if (!(raw.get("exp") instanceof Number exp) || exp.doubleValue() + 60 <= now) {
			return "exp missing or passed";
		}
		return null;
	}

	private static String randomHeader(Random random) {
		StringBuilder header = new StringBuilder("{\"alg\":\"RS256\",\"kid\":\"").append(issuer.rsaKey().getKeyID()).append('"');
		switch (random.nextInt(8)) {
			case 0 -> header.append(",\"typ\":\"dpop+jwt\"");
			case 1 -> header.append(",\"typ\":42");
			case 2 -> header.append(",\"cty\":\"JWT\"");
			case 3 -> header.append(",\"crit\":[\"x\"],\"x\":1");
			case 4 -> header.append(",\"typ\":null");
			default -> header.append(",\"typ\":\"at+jwt\"");
		}
		return header.append('}').toString();
	}

	private static final String[] ANY = { "null", "true", "false", "0", "-1", "1.5", "-0.5", "1e30", "9223372036854775807",
			"9223372036854775808", "253402300799", "253402300800", "\"\"", "\"x\"", "\"orders-api\"", "[]", "[\"orders-api\"]",
			"[\"orders-api\",null]", "[\"orders-api\",1]", "[null]", "[[]]", "{}", "{\"a\":{\"b\":[1,{}]}}", "\"123\"",
			"[\"data:read\"]", "\"data:read\"", "\"\\u0000\"", "1.7976931348623157e308", "[[[[[[[[[[]]]]]]]]]]" };

	/** A random JSON value for a claim, sometimes valid, sometimes near the boundaries, or null for "absent". */
	private static String randomJson(Random random, String claim, long now) {
		int kind = random.nextInt(10);
		if (kind == 0) {
			return null;
		}
		if (kind < 4 && List.of("exp", "nbf", "iat").contains(claim)) {
			long offset = random.nextInt(400) - 200;
			return (random.nextBoolean()) ? Long.toString(now + offset) : (now + offset) + "." + random.nextInt(1000);
		}
		if (kind < 4 && claim.equals("iss")) {
			return "\"" + issuer.issuer() + (random.nextBoolean() ? "/" : "") + "\"";
		}
		return ANY[random.nextInt(ANY.length)];
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
