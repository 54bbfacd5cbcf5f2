package dev.warden.security.fuzz;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import dev.warden.security.support.Client;
import dev.warden.security.support.Expect;
import dev.warden.security.support.MainAppTest;
import dev.warden.security.support.Reply;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing over real HTTP, as a seeded randomized loop (see {@link FuzzSettings} for
 * the seed and how to run longer). Properties, for every mutation of a valid token and of its
 * {@code Authorization} header:
 * <ul>
 * <li>a mutated token is accepted only if, after the whitespace the header rules strip, it is
 * byte for byte the valid token (and then it is accepted);</li>
 * <li>no answer is a 5xx, every 401 carries exactly one {@code WWW-Authenticate: Bearer} challenge, no answer
 * takes more than 1 s or echoes the token;</li>
 * <li>no part of any token sent, mutated or not, reaches the log (checked after each test for every
 * token, and here for every window of the valid one).</li>
 * </ul>
 */
class TokenMutationFuzzTest extends MainAppTest {

	/** About 15 s on an idle 2-core machine; scale with -Dwarden.fuzz.scale. */
	static final int TOKEN_TRIES = 50_000;

	/** About 5 s on an idle 2-core machine. */
	static final int HEADER_TRIES = 15_000;

	/** Every token sent is remembered in the test's trail, and checked against the log after the test. */
	private Client quietClient() {
		return new Client(this.port, this.trail);
	}

	@Test
	void mutatedTokensAreNeverAcceptedAndNeverAnsweredWithAServerError(CapturedOutput output) {
		FuzzSettings settings = FuzzSettings.current();
		System.out.println("TokenMutationFuzzTest tokens: " + settings);
		Random random = settings.random("tokens");
		TokenMutator mutator = new TokenMutator(random, true);
		String valid = issuer.token().scopes("data:read").sign();
		Client client = quietClient();
		Expect.ok(client.bearer("/api/data", valid));
		Violations violations = new Violations(settings);
		int tries = settings.tries(TOKEN_TRIES);
		for (int i = 0; i < tries; i++) {
			String mutated = mutator.mutate(valid);
			Reply reply = client.raw("/api/data", List.of("Authorization: Bearer " + mutated));
			violations.tried();
			String effective = mutated.replaceFirst("^ +", "").replaceFirst("[ \t]+$", "");
			check(violations, valid, valid, mutated, effective, reply, mutator.applied());
		}
		violations.assertNone("Token mutations over HTTP");
		assertNoWindowOf(valid, output);
	}

	@Test
	void mutatedAuthorizationHeadersAreAcceptedOnlyWhenTheyCarryTheValidToken(CapturedOutput output) {
		FuzzSettings settings = FuzzSettings.current();
		System.out.println("TokenMutationFuzzTest headers: " + settings);
		Random random = settings.random("headers");
		TokenMutator mutator = new TokenMutator(random, true);
		String valid = issuer.token().scopes("data:read").sign();
		String header = "Bearer " + valid;
		Client client = quietClient();
		Violations violations = new Violations(settings);
		int tries = settings.tries(HEADER_TRIES);
		for (int i = 0; i < tries; i++) {
			// mutate near the scheme more often than in the token
			String value = random.nextBoolean() ? mutator.mutate(header.substring(0, 12)) + header.substring(12)
					: mutator.mutate(header);
			Reply reply = client.raw("/api/data", List.of("Authorization: " + value));
			violations.tried();
			// what the header rules read: OWS trimmed by the container, scheme case-insensitive, then one or more spaces
			String v = value.replaceFirst("^[ \t]+", "").replaceFirst("[ \t]+$", "");
			boolean bearer = v.length() > 6 && v.regionMatches(true, 0, "Bearer", 0, 6) && v.charAt(6) == ' ';
			String token = bearer ? v.substring(6).replaceFirst("^ +", "") : "(scheme " + v + ")";
			check(violations, valid, header, value, token, reply, mutator.applied());
		}
		violations.assertNone("Authorization header mutations over HTTP");
		assertNoWindowOf(valid, output);
	}

	/**
	 * @param valid the valid token
	 * @param original what was mutated (the token, or the whole header value)
	 * @param sent what was sent
	 * @param effective the token the header rules read from what was sent
	 */
	private static void check(Violations violations, String valid, String original, String sent, String effective,
			Reply reply, List<String> operators) {
		String example = Violations.diff(original, sent) + " via " + operators + " -> " + reply.status();
		if (reply.status() >= 500) {
			violations.add("server error " + reply.status(), example + " " + Violations.printable(reply.body()));
		}
		if (reply.elapsed().compareTo(Expect.HOSTILE_LIMIT) > 0) {
			violations.add("slower than 1 s", example + " in " + reply.elapsed().toMillis() + "ms");
		}
		if (reply.status() == 200 && !effective.equals(valid)) {
			violations.add("ACCEPTED a token that is not the valid one: " + classify(valid, effective), example);
		}
		if (reply.status() != 200 && effective.equals(valid)) {
			violations.add("refused the valid token", example + " " + reply);
		}
		if (reply.status() == 401 && (reply.headers("WWW-Authenticate").size() != 1
				|| !reply.header("WWW-Authenticate").startsWith("Bearer"))) {
			violations.add("401 without exactly one Bearer challenge", example + " " + reply.headers("WWW-Authenticate"));
		}
		String answer = reply.headers() + reply.body();
		for (String part : sent.split("\\.")) {
			if (part.length() >= 16 && answer.contains(part)) {
				violations.add("token text echoed in the answer", example);
				break;
			}
		}
	}

	/** What kind of difference the server let through. */
	static String classify(String valid, String accepted) {
		if (accepted.replaceAll("\\s", "").equals(valid)) {
			return "whitespace around or inside the token (ignored by the parser)";
		}
		String[] v = valid.split("\\.", -1);
		String[] a = accepted.split("\\.", -1);
		if (a.length != 3) {
			return "different number of segments";
		}
		if (!v[0].equals(a[0]) || !v[1].equals(a[1])) {
			return "HEADER OR PAYLOAD CHANGED";
		}
		String sig = a[2];
		if (sig.replaceAll("[^A-Za-z0-9_-]", "").equals(v[2]) && !sig.replaceAll("[^A-Za-z0-9_=+/-]", "").equals(sig)) {
			return "signature segment with characters outside base64url (skipped by the decoder)";
		}
		if (sig.replaceAll("[^A-Za-z0-9_-]", "").equals(v[2])) {
			return "signature segment with padding or characters outside the alphabet";
		}
		if (sig.replace('+', '-').replace('/', '_').replaceAll("=+$", "").equals(v[2])) {
			return "signature segment in the standard base64 alphabet";
		}
		try {
			byte[] decoded = Base64.getUrlDecoder().decode(sig.replace('+', '-').replace('/', '_').replaceAll("[^A-Za-z0-9_-]", ""));
			if (Arrays.equals(decoded, Base64.getUrlDecoder().decode(v[2]))) {
				return "signature segment with non-canonical trailing bits (decodes to the same signature)";
			}
		}
		catch (IllegalArgumentException ex) {
			// not decodable by the JDK
		}
		return "OTHER SIGNATURE CHANGE";
	}

	/** No 24-character window of the valid token (hence of any local mutation of it) is in the log. */
	private static void assertNoWindowOf(String valid, CapturedOutput output) {
		String all = output.getAll();
		for (int i = 0; i + 24 <= valid.length(); i += 12) {
			assertThat(all).as("token text in the log").doesNotContain(valid.substring(i, i + 24));
		}
	}

}
