package dev.warden.test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warden's RFC 6750 answers (docs/security-model.md), asserted whole: the status, exactly one
 * {@code WWW-Authenticate} header with exactly the expected challenge (a second, conflicting one
 * fails), the problem-details body and its content type. Every 401 and 400 challenge ends with the
 * {@code resource_metadata} parameter (RFC 9728, see {@link Challenges}); a 403 names none.
 */
public final class BearerAnswers {

	private BearerAnswers() {
	}

	/** 401 {@code WWW-Authenticate: Bearer} without an error: the request carried no token. */
	public static void missingToken(Http.Answer answer) {
		assertThat(answer.status()).as("status of %s", answer).isEqualTo(401);
		assertThat(onlyChallenge(answer)).as("challenge of %s", answer).matches(Challenges.withMetadata("Bearer"));
		problem(answer, 401, null, "A bearer token is required.");
	}

	/** 401 {@code invalid_token} with exactly this description. */
	public static void invalidToken(Http.Answer answer, String description) {
		assertThat(answer.status()).as("status of %s", answer).isEqualTo(401);
		assertThat(onlyChallenge(answer)).as("challenge of %s", answer)
			.matches(Challenges.withMetadata("Bearer error=\"invalid_token\", error_description=\"" + description + "\""));
		problem(answer, 401, "invalid_token", description);
	}

	/** 400 {@code invalid_request} with exactly this description. */
	public static void invalidRequest(Http.Answer answer, String description) {
		assertThat(answer.status()).as("status of %s", answer).isEqualTo(400);
		assertThat(onlyChallenge(answer)).as("challenge of %s", answer)
			.matches(Challenges.withMetadata("Bearer error=\"invalid_request\", error_description=\"" + description + "\""));
		problem(answer, 400, "invalid_request", description);
	}

	/**
	 * 403 {@code insufficient_scope} naming the scopes an endpoint requires ({@code all of} them).
	 * @param scopes the scopes, as the endpoint lists them, separated by spaces
	 */
	public static void insufficientScope(Http.Answer answer, String scopes) {
		insufficientScope(answer, "The access token lacks a scope this endpoint requires (all of: " + scopes + ").",
				scopes);
	}

	/**
	 * 403 {@code insufficient_scope} with exactly this description and {@code scope} attribute.
	 * @param scope the {@code scope} attribute, or {@code null} when the answer names none
	 */
	public static void insufficientScope(Http.Answer answer, String description, String scope) {
		assertThat(answer.status()).as("status of %s", answer).isEqualTo(403);
		assertThat(answer.headers("WWW-Authenticate")).as("challenges of %s", answer)
			.containsExactly("Bearer error=\"insufficient_scope\", error_description=\"" + description + "\""
					+ ((scope != null) ? ", scope=\"" + scope + "\"" : ""));
		problem(answer, 403, "insufficient_scope", description);
	}

	/** 403 for an endpoint that declares no access rule (deny by default). */
	public static void undeclared(Http.Answer answer) {
		insufficientScope(answer, "This endpoint declares no access rule, so it is denied by default.", null);
	}

	/** The documented 503: {@code Retry-After}, no challenge, {@code temporarily_unavailable}. */
	public static void unavailable(Http.Answer answer, String retryAfter) {
		assertThat(answer.status()).as("status of %s", answer).isEqualTo(503);
		assertThat(answer.headers("WWW-Authenticate")).as("challenges of %s", answer).isEmpty();
		assertThat(answer.headers("Retry-After")).as("Retry-After of %s", answer).containsExactly(retryAfter);
		assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(answer.body()).contains("\"status\":503", "\"error\":\"temporarily_unavailable\"");
	}

	/**
	 * The answer's only {@code WWW-Authenticate} value: fails when there is none, or a second
	 * (possibly conflicting) challenge next to it.
	 */
	private static String onlyChallenge(Http.Answer answer) {
		assertThat(answer.headers("WWW-Authenticate")).as("challenges of %s", answer).hasSize(1);
		return answer.header("WWW-Authenticate");
	}

	private static void problem(Http.Answer answer, int status, String error, String detail) {
		assertThat(answer.header("Content-Type")).as("content type of %s", answer).isEqualTo("application/problem+json");
		assertThat(answer.header("Cache-Control")).as("Cache-Control of %s", answer).isEqualTo("no-store");
		assertThat(answer.body()).as("body").contains("\"status\":" + status, "\"detail\":\"" + detail + "\"");
		if (error != null) {
			assertThat(answer.body()).as("body").contains("\"error\":\"" + error + "\"");
		}
		else {
			assertThat(answer.body()).as("body").doesNotContain("\"error\"");
		}
	}

}
