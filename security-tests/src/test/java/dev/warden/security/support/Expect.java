package dev.warden.security.support;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RFC 6750 answers of docs/security-model.md, plus the invariants every hostile request must
 * keep: no 5xx (except the documented 503), an answer within the time limit, and no token text in
 * the answer.
 */
public final class Expect {

	/** The longest a hostile request may take when no slow authorization server is involved. */
	public static final Duration HOSTILE_LIMIT = Duration.ofSeconds(1);

	private Expect() {
	}

	/** No 5xx, within {@link #HOSTILE_LIMIT}, nothing of the credential echoed. */
	public static void wellBehaved(Reply reply) {
		wellBehaved(reply, HOSTILE_LIMIT);
	}

	public static void wellBehaved(Reply reply, Duration limit) {
		assertThat(reply.status()).as("no server error: %s", reply).isLessThan(500);
		notSlowerThan(reply, limit);
		notEchoed(reply);
	}

	public static void notSlowerThan(Reply reply, Duration limit) {
		assertThat(reply.elapsed()).as("answered within %sms: %s", limit.toMillis(), reply).isLessThanOrEqualTo(limit);
	}

	/** Nothing of the credential (token, payload or signature segment) in the answer's headers or body. */
	public static void notEchoed(Reply reply) {
		if (reply.credential() == null) {
			return;
		}
		String answer = reply.headers() + "\n" + reply.body();
		String credential = reply.credential();
		if (credential.length() >= TokenTrail.MIN_FRAGMENT) {
			assertThat(answer).as("answer echoes the credential").doesNotContain(credential);
		}
		String[] parts = credential.split("\\.", -1);
		if (parts.length >= 3) {
			for (int i = 1; i < parts.length; i++) {
				if (parts[i].length() >= TokenTrail.MIN_FRAGMENT) {
					assertThat(answer).as("answer echoes a token segment").doesNotContain(parts[i]);
				}
			}
		}
	}

	private static final String METADATA = "resource_metadata=\"http://127\\.0\\.0\\.1:[0-9]+/\\.well-known/oauth-protected-resource\"";

	/**
	 * A regular expression for a challenge followed by the {@code resource_metadata} parameter every
	 * 401 challenge carries (RFC 9728), which names the test server's loopback port.
	 * @param challenge the challenge without it, e.g. {@code Bearer error="invalid_token", …}
	 * @return the expression
	 */
	public static String challenge(String challenge) {
		return Pattern.quote(challenge) + (challenge.contains(" ") ? ", " : " ") + METADATA;
	}

	/**
	 * The answer's only {@code WWW-Authenticate} value: fails when there is none, or a second
	 * (possibly conflicting) challenge next to it.
	 */
	private static String onlyChallenge(Reply reply) {
		assertThat(reply.headers("WWW-Authenticate")).as("exactly one challenge: %s", reply).hasSize(1);
		return reply.header("WWW-Authenticate");
	}

	/** 401 {@code WWW-Authenticate: Bearer} without an error: no token was read. */
	public static void noToken(Reply reply) {
		wellBehaved(reply);
		assertThat(reply.status()).as("%s", reply).isEqualTo(401);
		assertThat(onlyChallenge(reply)).as("%s", reply).matches(challenge("Bearer"));
		assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(reply.body()).contains("\"detail\":\"A bearer token is required.\"").doesNotContain("\"error\"");
	}

	/** 401 {@code invalid_token} with exactly this description. */
	public static void invalidToken(Reply reply, String description) {
		wellBehaved(reply);
		assertThat(reply.status()).as("%s", reply).isEqualTo(401);
		assertThat(onlyChallenge(reply)).as("%s", reply)
			.matches(challenge("Bearer error=\"invalid_token\", error_description=\"" + description + "\""));
		assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
		assertThat(reply.body()).contains("\"status\":401", "\"error\":\"invalid_token\"",
				"\"detail\":\"" + description + "\"");
	}

	/** 401 {@code invalid_token} with one of these descriptions. */
	public static void invalidToken(Reply reply, Set<String> descriptions) {
		wellBehaved(reply);
		assertThat(reply.status()).as("%s", reply).isEqualTo(401);
		String header = onlyChallenge(reply);
		assertThat(header).as("%s", reply).startsWith("Bearer error=\"invalid_token\", error_description=\"");
		assertThat(header).as("%s", reply).matches(".*\", " + METADATA);
		String description = header.substring("Bearer error=\"invalid_token\", error_description=\"".length(),
				header.indexOf("\", resource_metadata="));
		assertThat(description).as("%s", reply).isIn(descriptions);
		assertThat(reply.body()).contains("\"error\":\"invalid_token\"");
	}

	/** 400 {@code invalid_request} with exactly this description. */
	public static void invalidRequest(Reply reply, String description) {
		wellBehaved(reply);
		assertThat(reply.status()).as("%s", reply).isEqualTo(400);
		assertThat(onlyChallenge(reply)).as("%s", reply)
			.matches(challenge("Bearer error=\"invalid_request\", error_description=\"" + description + "\""));
		assertThat(reply.body()).contains("\"status\":400", "\"error\":\"invalid_request\"");
	}

	/** 403 {@code insufficient_scope}. */
	public static void insufficientScope(Reply reply, String scope) {
		wellBehaved(reply);
		assertThat(reply.status()).as("%s", reply).isEqualTo(403);
		assertThat(onlyChallenge(reply)).as("%s", reply)
			.startsWith("Bearer error=\"insufficient_scope\"")
			.endsWith("scope=\"" + scope + "\"");
	}

	/** The documented 503: {@code Retry-After}, no {@code WWW-Authenticate}, {@code temporarily_unavailable}. */
	public static void unavailable(Reply reply, String retryAfter, Duration limit) {
		assertThat(reply.status()).as("%s", reply).isEqualTo(503);
		notSlowerThan(reply, limit);
		notEchoed(reply);
		assertThat(reply.header("Retry-After")).isEqualTo(retryAfter);
		assertThat(reply.headers("WWW-Authenticate")).as("%s", reply).isEmpty();
		assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(reply.body()).contains("\"status\":503", "\"error\":\"temporarily_unavailable\"");
	}

	/** 200 from the application. */
	public static void ok(Reply reply) {
		assertThat(reply.status()).as("%s", reply).isEqualTo(200);
		notEchoed(reply);
	}

}
