package dev.warden.security.adversarial;

import java.time.Duration;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.support.Claims;
import dev.warden.security.support.Expect;
import dev.warden.security.support.Jose;
import dev.warden.security.support.Reply;
import dev.warden.security.support.StrictAppTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deeply nested and very large JSON in tokens of up to 64 KB, over HTTP: a recursive parser
 * must not overflow its stack (a {@code StackOverflowError} would be a 500) and must answer fast.
 * Sources: CVE-2025-53864 (Nimbus JOSE+JWT: uncontrolled recursion on deeply nested JSON in a
 * JWT claim, fixed in 10.0.2); CVE-2022-45688 / CVE-2023-35116 (JSON nesting denial of service in
 * other parsers); RFC 8259 §9 (implementations may limit nesting depth).
 */
class JsonNestingAttackTest extends StrictAppTest {

	private static final String NOT_AN_OBJECT = DecoderOracle.NOT_AN_OBJECT;

	private static final String MALFORMED = DecoderOracle.MALFORMED;

	private static String arrays(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	private static String objects(int depth) {
		return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
	}

	// CVE-2025-53864: 10,000 nested arrays in a claim of a token the issuer really signed
	@ParameterizedTest(name = "depth {0}")
	@ValueSource(ints = { 10_000, 15_000 })
	void deeplyNestedArraysInAClaimAreRefusedQuickly(int depth) {
		String token = Claims.valid(issuer).raw("nested", arrays(depth)).signedBy(issuer);
		assertThat(token.length()).isLessThanOrEqualTo(64 * 1024);
		Reply reply = this.client.bearer("/api/data", token);
		Expect.invalidToken(reply, NOT_AN_OBJECT);
	}

	@Test
	void deeplyNestedObjectsInAClaimAreRefusedQuickly() {
		String token = Claims.valid(issuer).raw("nested", objects(8_000)).signedBy(issuer);
		assertThat(token.length()).isLessThanOrEqualTo(64 * 1024);
		Expect.invalidToken(this.client.bearer("/api/data", token), NOT_AN_OBJECT);
	}

	@Test
	void deeplyNestedJsonFromAnAttackerIsRefusedBeforeAnySignatureCheck() {
		String token = Jose.b64(Jose.rs256Header(issuer)) + "." + Jose.b64("{\"x\":" + arrays(20_000) + "}") + "."
				+ Jose.b64(new byte[256]);
		Expect.invalidToken(this.client.bearer("/api/data", token), NOT_AN_OBJECT);
	}

	// the header is parsed first: nesting there is a malformed token
	@Test
	void deeplyNestedJsonInTheHeaderIsMalformed() {
		String header = "{\"alg\":\"RS256\",\"kid\":" + arrays(20_000) + "}";
		String token = Jose.b64(header) + "." + Jose.b64(Claims.valid(issuer).json()) + "." + Jose.b64(new byte[256]);
		Expect.invalidToken(this.client.bearer("/api/data", token), MALFORMED);
	}

	// moderately deep but legal nesting in a claim Warden does not read is fine
	@Test
	void moderateNestingIsAccepted() {
		Expect.ok(this.client.bearer("/api/data", Claims.valid(issuer).raw("nested", arrays(200)).signedBy(issuer)));
	}

	// wide rather than deep: 45 KB of claims; answered quickly either way
	@Test
	void wideClaimsAreHandledQuickly() {
		StringBuilder wide = new StringBuilder("{");
		for (int i = 0; i < 3000; i++) {
			wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
		}
		String token = Claims.valid(issuer).raw("wide", wide.append('}').toString()).signedBy(issuer);
		Reply reply = this.client.bearer("/api/data", token);
		Expect.ok(reply);
		Expect.notSlowerThan(reply, Duration.ofSeconds(1));
	}

}
