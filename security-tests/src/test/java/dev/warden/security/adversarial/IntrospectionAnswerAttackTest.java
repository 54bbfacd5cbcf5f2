package dev.warden.security.adversarial;

import java.time.Duration;
import java.util.function.Supplier;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.support.Canary;
import dev.warden.security.support.Expect;
import dev.warden.security.support.MainAppTest;
import dev.warden.security.support.Reply;
import dev.warden.test.IntrospectionAnswer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile or broken answers of the introspection endpoint (RFC 7662) to the live check of
 * {@code GET /api/live}: only the JSON boolean {@code true} means active (RFC 7662 §2.2); an
 * answer that cannot be used is an outage (503 with {@code Retry-After}, never a 401 and never a
 * 200); redirects are never followed (RFC 7662 §4 / RFC 9700 §4.11, an SSRF vector); slow answers
 * within the deadline (connect + read timeout = 600 ms here) succeed and hanging ones are cut at
 * the deadline.
 */
class IntrospectionAnswerAttackTest extends MainAppTest {

	private static final String NOT_ACTIVE = "The access token is not active";

	/** Retry-After of an introspection outage: warden.introspection.retry-after (default 5s). */
	private static final String RETRY_AFTER = "5";

	private static final Duration DEADLINE_LIMIT = INTROSPECTION_DEADLINE.plusMillis(650);

	private static final Canary canary = new Canary();

	@AfterEach
	void answerNormally() {
		issuer.introspectionAnswers(null);
	}

	@AfterAll
	static void closeCanary() {
		canary.close();
	}

	private Reply live() {
		return this.client.bearer("/api/live", issuer.token().scopes("data:read").sign());
	}

	private Reply liveWith(Supplier<IntrospectionAnswer> answer) {
		issuer.introspectionAnswers((token) -> answer.get());
		return live();
	}

	private static IntrospectionAnswer json(String body) {
		return IntrospectionAnswer.json(body);
	}

	@Test
	void activeTokenPassesTheLiveCheck() {
		Reply reply = live();
		Expect.ok(reply);
		assertThat(reply.body()).contains("\"live\":true");
	}

	@Test
	void revokedTokenIsNotActive() {
		String token = issuer.token().scopes("data:read").sign();
		issuer.revoke(token);
		Expect.invalidToken(this.client.bearer("/api/live", token), NOT_ACTIVE);
	}

	// RFC 7662 §2.2: "active" is a JSON boolean; false is a verdict
	@ParameterizedTest(name = "answer {0}")
	@ValueSource(strings = { "{\"active\":false}", "{\"active\":false,\"sub\":\"alice\",\"scope\":\"data:read\"}" })
	void activeFalseIsNotActive(String answer) {
		Expect.invalidToken(liveWith(() -> json(answer)), NOT_ACTIVE);
	}

	// an "active" that is not a JSON boolean is a malformed answer, not a verdict either way: it
	// follows the outage policy (deny: 503), like garbage
	@ParameterizedTest(name = "answer {0}")
	@ValueSource(strings = { "{\"active\":\"true\"}", "{\"active\":1}", "{\"active\":\"True\"}", "{\"active\":[true]}",
			"{\"active\":{\"value\":true}}", "{\"active\":null}", "{\"active\":\"yes\"}", "{\"active\":0.1}",
			"{\"active\":\"false\"}" })
	void activeThatIsNotABooleanIsAMalformedAnswer(String answer) {
		Expect.unavailable(liveWith(() -> json(answer)), RETRY_AFTER, Expect.HOSTILE_LIMIT);
	}

	// an active answer that contradicts the configuration is not active
	@Test
	void activeAnswersContradictingTheConfigurationAreNotActive() {
		Expect.invalidToken(liveWith(() -> json("{\"active\":true,\"exp\":1}")), NOT_ACTIVE);
		Expect.invalidToken(liveWith(() -> json("{\"active\":true,\"iss\":\"http://127.0.0.1:1\"}")), NOT_ACTIVE);
		Expect.invalidToken(liveWith(() -> json("{\"active\":true,\"aud\":\"billing-api\"}")), NOT_ACTIVE);
		Expect.invalidToken(liveWith(() -> json("{\"active\":true,\"token_type\":\"refresh_token\"}")), NOT_ACTIVE);
	}

	// RFC 7662 §2.2: "active" is required; an answer without it cannot be used: outage, not a verdict
	@ParameterizedTest(name = "answer {0}")
	@ValueSource(strings = { "{}", "{\"Active\":true}", "{\"sub\":\"alice\",\"scope\":\"data:read\"}", "{\"active \":true}" })
	void answerWithoutActiveIsUnavailable(String answer) {
		Expect.unavailable(liveWith(() -> json(answer)), RETRY_AFTER, Expect.HOSTILE_LIMIT);
	}

	// garbage: not JSON, not an object, duplicate members (RFC 8259 §4), a non-numeric exp
	@ParameterizedTest(name = "answer [{0}]")
	@ValueSource(strings = { "", "not json", "<html>active</html>", "[true]", "[{\"active\":true}]", "\"active\"", "true", "null",
			"{\"active\":true", "{\"active\":true}}", "{'active':true}", "{active:true}",
			"{\"active\":false,\"active\":true}", "{\"active\":true,\"active\":false}", "{\"active\":true,\"exp\":\"soon\"}" })
	void garbageAnswersAreUnavailable(String answer) {
		Expect.unavailable(liveWith(() -> json(answer)), RETRY_AFTER, Expect.HOSTILE_LIMIT);
	}

	// the JSON text null is no answer: the reader must treat it as garbage, not fail on it with a NullPointerException
	@Test
	void nullAnswerIsUnavailableWithoutANullPointerException(CapturedOutput output) {
		Expect.unavailable(liveWith(() -> json("null")), RETRY_AFTER, Expect.HOSTILE_LIMIT);
		assertThat(output.getAll()).doesNotContain("NullPointerException");
	}

	@Test
	void binaryAndDeeplyNestedAnswersAreUnavailable() {
		byte[] binary = { (byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80 };
		Expect.unavailable(liveWith(() -> IntrospectionAnswer.status(200).body(binary)), RETRY_AFTER,
				Expect.HOSTILE_LIMIT);
		String nested = "{\"active\":true,\"x\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
		Expect.unavailable(liveWith(() -> json(nested)), RETRY_AFTER, Expect.HOSTILE_LIMIT);
	}

	// warden.introspection.max-response-size (64 KB): declared or streamed, a larger answer is refused
	@Test
	void oversizedAnswersAreUnavailable() {
		String big = "{\"active\":true,\"pad\":\"" + "x".repeat(100 * 1024) + "\"}";
		Expect.unavailable(liveWith(() -> json(big)), RETRY_AFTER, Expect.HOSTILE_LIMIT);
		Expect.unavailable(liveWith(() -> IntrospectionAnswer.status(200).body(big).chunked(1024)), RETRY_AFTER,
				Expect.HOSTILE_LIMIT);
		String tenMegabytes = "{\"active\":true,\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
		Expect.unavailable(liveWith(() -> json(tenMegabytes)), RETRY_AFTER, Expect.HOSTILE_LIMIT);
	}

	// error statuses are outages, not verdicts
	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 400, 401, 403, 404, 429, 500, 502, 503, 204, 201 })
	void nonOkStatusesAreUnavailable(int status) {
		Expect.unavailable(liveWith(() -> IntrospectionAnswer.status(status).header("Content-Type", "application/json")
			.body(status == 204 ? "" : "{\"active\":true}")), RETRY_AFTER, Expect.HOSTILE_LIMIT);
	}

	// RFC 9700 §4.11 (open redirects), SSRF: a redirect is never followed, the target never contacted
	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 301, 302, 303, 307, 308 })
	void redirectsAreNeverFollowed(int status) throws InterruptedException {
		canary.answer("{\"active\":true,\"sub\":\"alice\",\"scope\":\"data:read\"}");
		Reply reply = liveWith(() -> IntrospectionAnswer.status(status).header("Location", canary.url("/introspect")));
		Expect.unavailable(reply, RETRY_AFTER, Expect.HOSTILE_LIMIT);
		Thread.sleep(100);
		assertThat(canary.connections()).as("connections to the redirect target").isZero();
	}

	// a slow answer within the deadline is fine
	@Test
	void slowAnswerWithinTheDeadlineSucceeds() {
		Reply reply = liveWith(() -> IntrospectionAnswer.json("{\"active\":true}").delayed(Duration.ofMillis(250)));
		Expect.ok(reply);
		assertThat(reply.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(DEADLINE_LIMIT);
	}

	// a hanging endpoint is cut at the deadline (connect + read timeout) plus a small margin: 503
	@Test
	void hangingAnswerIsUnavailableWithinTheDeadline() {
		Reply reply = liveWith(() -> IntrospectionAnswer.json("{\"active\":true}").delayed(Duration.ofSeconds(5)));
		Expect.unavailable(reply, RETRY_AFTER, DEADLINE_LIMIT);
		assertThat(reply.elapsed()).isGreaterThanOrEqualTo(INTROSPECTION_DEADLINE.minusMillis(50));
	}

	// an answer that drips in byte by byte is cut at the same deadline
	@Test
	void drippingAnswerIsUnavailableWithinTheDeadline() {
		Reply reply = liveWith(() -> IntrospectionAnswer.json("{\"active\":true,\"pad\":\"" + "x".repeat(200) + "\"}")
			.throttled(1, Duration.ofMillis(50)));
		Expect.unavailable(reply, RETRY_AFTER, DEADLINE_LIMIT);
	}

	// a body that stops after the headers (connection left open) is cut at the same deadline
	@Test
	void bodyThatNeverCompletesIsUnavailableWithinTheDeadline() {
		Reply reply = liveWith(() -> IntrospectionAnswer.json("{\"active\":true}").bodyDelayed(Duration.ofSeconds(5)));
		Expect.unavailable(reply, RETRY_AFTER, DEADLINE_LIMIT);
	}

	// the live check never runs for a token without the scope, nor for a forged token
	@Test
	void noIntrospectionForForbiddenOrForgedTokens() {
		int before = issuer.introspectionRequests();
		Expect.insufficientScope(this.client.bearer("/api/live", issuer.token().scopes("other").sign()), "data:read");
		String[] forged = issuer.token().scopes("data:read").sign().split("\\.");
		Expect.invalidToken(this.client.bearer("/api/live", forged[0] + "." + forged[1] + ".AAAA"),
				DecoderOracle.SIGNATURE);
		assertThat(issuer.introspectionRequests()).isEqualTo(before);
	}

}
