package dev.warden.sample;

import java.time.Instant;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.SecurityEventTokens;
import dev.warden.test.TestToken;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.warden.test.SecurityEventTokens.email;
import static dev.warden.test.SecurityEventTokens.issSub;
import static dev.warden.test.SecurityEventTokens.jwtId;
import static dev.warden.test.SecurityEventTokens.map;
import static dev.warden.test.SecurityEventTokens.set;
import static dev.warden.test.SecurityEventTokens.userSession;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RFC 8935 push endpoint of the sample, over real HTTP: real SETs signed with the issuer's key
 * revoke tokens, each subject format and event type does what docs/revocation.md says, every bad
 * SET gets its RFC 8935 error and changes nothing, and operators revoke through Actuator. Each test
 * uses subjects of its own: the application context is shared.
 * <p>
 * Written once and run against both samples ({@code SampleApiRevocationPushTest} on Spring MVC,
 * {@code SampleApiReactiveRevocationPushTest} on WebFlux).
 */
public abstract class SampleApiRevocationPushContract {

	private static final String REVOKED = "Bearer error=\"invalid_token\", error_description=\"The access token has "
			+ "been revoked\", resource_metadata=\"";

	@LocalServerPort
	int port;

	Http http;

	WardenTestIssuer issuer;

	String subject;

	@BeforeEach
	void setUp(WardenTestIssuer issuer) {
		this.http = new Http(this.port);
		this.issuer = issuer;
		this.subject = "user-" + UUID.randomUUID();
	}

	private TestToken token() {
		return this.issuer.token().subject(this.subject).scopes("orders:read");
	}

	private SecurityEventTokens.Builder event() {
		return set(this.issuer.rsaKey(), this.issuer.issuer(), "orders-api");
	}

	private Answer push(String set) {
		return this.http.send("POST", "/ssf/events", "push-secret", "application/secevent+jwt", set);
	}

	private Answer orders(String token) {
		return this.http.get("/api/orders", token);
	}

	private static void assertRevoked(Answer answer) {
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).startsWith(REVOKED);
	}

	private static void assertAccepted(Answer answer) {
		assertThat(answer.status()).isEqualTo(202);
		assertThat(answer.body()).isEmpty();
	}

	@Test
	void sessionRevokedRefusesTheSubjectsEarlierTokensOnly() {
		String earlier = token().issuedAt(Instant.now().minusSeconds(30)).sign();
		String other = this.issuer.token().subject("user-" + UUID.randomUUID()).scopes("orders:read").sign();
		assertThat(orders(earlier).status()).isEqualTo(200);
		assertAccepted(push(event().subject(issSub(this.issuer.issuer(), this.subject))
			.event(SecurityEventTokens.SESSION_REVOKED, Instant.now().minusSeconds(5))
			.sign()));
		assertRevoked(orders(earlier));
		// a token issued after the event (the next sign-in) and another user's token are served
		assertThat(orders(token().issuedAt(Instant.now().plusSeconds(1)).sign()).status()).isEqualTo(200);
		assertThat(orders(other).status()).isEqualTo(200);
	}

	@Test
	void aSessionOfAComplexSubjectRefusesThatSessionOnlyAndAllRefusesEvery() {
		String first = token().claim("sid", "session-1").issuedAt(Instant.now().minusSeconds(30)).sign();
		String second = token().claim("sid", "session-2").issuedAt(Instant.now().minusSeconds(30)).sign();
		assertAccepted(push(event().subject(userSession(issSub(this.issuer.issuer(), this.subject), "session-1"))
			.event(SecurityEventTokens.SESSION_REVOKED, Instant.now())
			.sign()));
		assertRevoked(orders(first));
		assertThat(orders(second).status()).isEqualTo(200);
		assertAccepted(push(event().subject(userSession(issSub(this.issuer.issuer(), this.subject), "ALL"))
			.event(SecurityEventTokens.SESSION_REVOKED, Instant.now())
			.sign()));
		assertRevoked(orders(second));
	}

	@Test
	void aComplexSubjectWithAMemberWardenDoesNotKnowIsIgnoredNotWidened() {
		String token = token().issuedAt(Instant.now().minusSeconds(30)).sign();
		assertAccepted(push(event().subject(map("format", "complex", "user", issSub(this.issuer.issuer(), this.subject),
				"device", map("format", "opaque", "id", "laptop")))
			.event(SecurityEventTokens.SESSION_REVOKED, Instant.now())
			.sign()));
		assertThat(orders(token).status()).isEqualTo(200);
	}

	@Test
	void aJwtIdRefusesThatOneToken() {
		String jti = UUID.randomUUID().toString();
		String revoked = token().claim("jti", jti).sign();
		String sibling = token().sign();
		assertAccepted(push(event().subject(jwtId(this.issuer.issuer(), jti))
			.event(SecurityEventTokens.CREDENTIAL_COMPROMISE, Instant.now())
			.sign()));
		assertRevoked(orders(revoked));
		assertThat(orders(sibling).status()).isEqualTo(200);
	}

	@Test
	void anEmailSubjectRefusesTokensCarryingThatAddressInAnyCase() {
		String address = this.subject + "@example.com";
		String token = token().claim("email", address.toUpperCase(java.util.Locale.ROOT))
			.issuedAt(Instant.now().minusSeconds(30))
			.sign();
		assertAccepted(push(event().subject(email(address)).event(SecurityEventTokens.CREDENTIAL_CHANGE, Instant.now()).sign()));
		assertRevoked(orders(token));
	}

	@Test
	void theOlderInEventSubjectIsReadToo() {
		String token = token().issuedAt(Instant.now().minusSeconds(30)).sign();
		assertAccepted(push(event().event(SecurityEventTokens.CREDENTIAL_CHANGE,
				map("subject", issSub(this.issuer.issuer(), this.subject), "event_timestamp", Instant.now().getEpochSecond()))
			.sign()));
		assertRevoked(orders(token));
	}

	@Test
	void accountEnabledLiftsAnAccountBlockButNotASessionRevocation() {
		String token = token().issuedAt(Instant.now().minusSeconds(30)).sign();
		assertAccepted(push(event().subject(issSub(this.issuer.issuer(), this.subject))
			.event(SecurityEventTokens.ACCOUNT_DISABLED, Instant.now())
			.sign()));
		assertRevoked(orders(token));
		assertAccepted(push(event().subject(issSub(this.issuer.issuer(), this.subject))
			.event(SecurityEventTokens.ACCOUNT_ENABLED, Instant.now())
			.sign()));
		assertThat(orders(token).status()).isEqualTo(200);
		assertAccepted(push(event().subject(issSub(this.issuer.issuer(), this.subject))
			.event(SecurityEventTokens.SESSION_REVOKED, Instant.now())
			.sign()));
		assertAccepted(push(event().subject(issSub(this.issuer.issuer(), this.subject))
			.event(SecurityEventTokens.ACCOUNT_ENABLED, Instant.now())
			.sign()));
		assertRevoked(orders(token));
	}

	@Test
	void verificationAndEventsWardenDoesNotActOnAreAcceptedAndCounted() {
		String before = this.http.get("/actuator/prometheus", null).body();
		assertAccepted(push(event().event(SecurityEventTokens.VERIFICATION, map("state", "abc")).sign()));
		assertAccepted(push(event().subject(issSub(this.issuer.issuer(), this.subject))
			.event("https://schemas.openid.net/secevent/caep/event-type/token-claims-change", Instant.now())
			.sign()));
		String after = this.http.get("/actuator/prometheus", null).body();
		String verification = "warden_revocation_events_total{outcome=\"recorded\",type=\"verification\"}";
		String other = "warden_revocation_events_total{outcome=\"ignored\",type=\"other\"}";
		assertThat(Prometheus.sample(after, verification) - Prometheus.sample(before, verification)).isEqualTo(1);
		assertThat(Prometheus.sample(after, other) - Prometheus.sample(before, other)).isEqualTo(1);
		assertThat(orders(token().issuedAt(Instant.now().minusSeconds(30)).sign()).status()).isEqualTo(200);
	}

	@Test
	void aRetriedDeliveryIsAcknowledgedOnce() {
		String set = event().subject(issSub(this.issuer.issuer(), this.subject))
			.event(SecurityEventTokens.SESSION_REVOKED, Instant.now())
			.sign();
		String before = this.http.get("/actuator/prometheus", null).body();
		assertAccepted(push(set));
		assertAccepted(push(set));
		String after = this.http.get("/actuator/prometheus", null).body();
		String accepted = "warden_revocation_pushes_total{result=\"accepted\"}";
		String duplicate = "warden_revocation_pushes_total{result=\"duplicate\"}";
		assertThat(Prometheus.sample(after, accepted) - Prometheus.sample(before, accepted)).isEqualTo(1);
		assertThat(Prometheus.sample(after, duplicate) - Prometheus.sample(before, duplicate)).isEqualTo(1);
	}

	@Test
	void everyBadSetGetsItsErrorAndChangesNothing(CapturedOutput output) throws Exception {
		String token = token().issuedAt(Instant.now().minusSeconds(30)).sign();
		RSAKey stranger = new RSAKeyGenerator(2048).keyID(this.issuer.rsaKey().getKeyID()).generate();
		RSAKey unknown = new RSAKeyGenerator(2048).keyID("unknown-" + UUID.randomUUID()).generate();
		String[][] cases = {
				{ event().type("JWT").subject(revoke()).event(SecurityEventTokens.SESSION_REVOKED, Instant.now()).sign(),
						"invalid_request", "The SET's typ is not secevent+jwt" },
				{ event().claim("iss", "https://evil.example").subject(revoke())
					.event(SecurityEventTokens.SESSION_REVOKED, Instant.now()).sign(), "invalid_issuer",
						"The SET's issuer is not a trusted transmitter" },
				{ set(stranger, this.issuer.issuer(), "orders-api").subject(revoke())
					.event(SecurityEventTokens.SESSION_REVOKED, Instant.now()).sign(), "invalid_key",
						"The SET's signature is invalid" },
				{ set(unknown, this.issuer.issuer(), "orders-api").subject(revoke())
					.event(SecurityEventTokens.SESSION_REVOKED, Instant.now()).sign(), "invalid_key",
						"No key of the transmitter matches the SET" },
				{ event().claim("aud", "billing-api").subject(revoke())
					.event(SecurityEventTokens.SESSION_REVOKED, Instant.now()).sign(), "invalid_audience",
						"The SET is not intended for this receiver" },
				{ event().claim("jti", null).subject(revoke()).event(SecurityEventTokens.SESSION_REVOKED, Instant.now()).sign(),
						"invalid_request", "The SET has no jti" },
				{ event().claim("iat", Instant.now().plusSeconds(3600)).subject(revoke())
					.event(SecurityEventTokens.SESSION_REVOKED, Instant.now()).sign(), "invalid_request",
						"The SET's iat lies in the future" },
				{ event().subject(revoke()).sign(), "invalid_request", "The SET has no events" },
				{ "not.a.set", "invalid_request", "The SET is not a signed JWT" },
				{ unsigned(), "invalid_request", "The SET is not a signed JWT" },
				// found by ProofAndSetFuzzTest: Nimbus skips characters outside base64url, so a valid SET
				// with one more character was accepted as a second spelling of itself
				{ event().subject(revoke()).event(SecurityEventTokens.SESSION_REVOKED, Instant.now()).sign() + "{",
						"invalid_request", "The SET is not a signed JWT" },
				{ resigned(new JWSHeader.Builder(JWSAlgorithm.HS256).type(SET_TYPE).build(),
						new MACSigner(new byte[32])), "invalid_key", "The SET's signature algorithm is not accepted" },
				{ resigned(new JWSHeader.Builder(JWSAlgorithm.RS256).type(SET_TYPE)
					.keyID(this.issuer.rsaKey().getKeyID())
					.criticalParams(java.util.Set.of("urn:example:binding"))
					.customParam("urn:example:binding", "x")
					.build(), new RSASSASigner(this.issuer.rsaKey())), "invalid_request",
						"The SET has critical header parameters this receiver does not understand" },
				{ token, "invalid_request", "The SET's typ is not secevent+jwt" } };
		for (String[] bad : cases) {
			Answer answer = push(bad[0]);
			assertThat(answer.status()).as(bad[2]).isEqualTo(400);
			assertThat(answer.header("Content-Type")).startsWith("application/json");
			assertThat(answer.body()).as(bad[2])
				.isEqualTo("{\"err\":\"" + bad[1] + "\",\"description\":\"" + bad[2] + "\"}");
		}
		String good = event().subject(revoke()).event(SecurityEventTokens.SESSION_REVOKED, Instant.now()).sign();
		Answer wrongType = this.http.send("POST", "/ssf/events", "push-secret", "application/jwt", good);
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.body()).isEqualTo("{\"err\":\"invalid_request\",\"description\":\"The body must be one SET, of "
				+ "media type application/secevent+jwt\"}");
		Answer tooLarge = push(good + "x".repeat(70_000));
		assertThat(tooLarge.status()).isEqualTo(400);
		assertThat(tooLarge.body()).contains("\"err\":\"invalid_request\"", "larger than this receiver accepts");
		Answer noSecret = this.http.send("POST", "/ssf/events", null, "application/secevent+jwt", good);
		assertThat(noSecret.status()).isEqualTo(401);
		assertThat(noSecret.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"ssf-receiver\"");
		assertThat(this.http.send("POST", "/ssf/events", "wrong-secret", "application/secevent+jwt", good).status())
			.isEqualTo(401);
		Answer get = this.http.get("/ssf/events", null);
		assertThat(get.status()).isEqualTo(405);
		assertThat(get.header("Allow")).isEqualTo("POST");
		// nothing was revoked, and neither the SETs nor the token reached the log
		assertThat(orders(token).status()).isEqualTo(200);
		for (String[] bad : cases) {
			assertThat(output.getAll()).doesNotContain(bad[0]);
		}
		assertThat(output.getAll()).doesNotContain(good).doesNotContain(token);
	}

	private static final JOSEObjectType SET_TYPE = new JOSEObjectType("secevent+jwt");

	/** A SET about this test's subject, with no signature ({@code alg: none}). */
	private String unsigned() throws Exception {
		String good = event().subject(revoke()).event(SecurityEventTokens.SESSION_REVOKED, Instant.now()).sign();
		return new PlainJWT(new PlainHeader.Builder().type(SET_TYPE).build(), SignedJWT.parse(good).getJWTClaimsSet())
			.serialize();
	}

	/** A SET about this test's subject with another header and signer. */
	private String resigned(JWSHeader header, JWSSigner signer) throws Exception {
		String good = event().subject(revoke()).event(SecurityEventTokens.SESSION_REVOKED, Instant.now()).sign();
		SignedJWT jwt = new SignedJWT(header, SignedJWT.parse(good).getJWTClaimsSet());
		jwt.sign(signer);
		return jwt.serialize();
	}

	private java.util.Map<String, Object> revoke() {
		return issSub(this.issuer.issuer(), this.subject);
	}

	@Test
	void operatorsRevokeThroughActuatorWithTheActuatorScope() {
		String token = token().issuedAt(Instant.now().minusSeconds(30)).sign();
		String body = "{\"sub\":\"" + this.subject + "\"}";
		Answer refused = this.http.send("POST", "/actuator/warden", this.issuer.token().scopes("orders:admin").sign(),
				"application/json", body);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(orders(token).status()).isEqualTo(200);
		String operator = this.issuer.token().scopes("actuator").sign();
		Answer revoked = this.http.send("POST", "/actuator/warden", operator, "application/json", body);
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(revoked.body()).startsWith("{\"revoked\":\"subject " + this.subject + " of " + this.issuer.issuer() + "\"");
		assertRevoked(orders(token));
		assertThat(orders(token().issuedAt(Instant.now().plusSeconds(1)).sign()).status()).isEqualTo(200);
		Answer ambiguous = this.http.send("POST", "/actuator/warden", operator, "application/json",
				"{\"sub\":\"a\",\"email\":\"a@example.com\"}");
		assertThat(ambiguous.status()).isEqualTo(400);
	}

}
