package dev.warden.sample;

import java.util.List;
import java.util.Map;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.test.BearerAnswers;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.IntrospectionAnswer;
import dev.warden.test.RecordedCall;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live checks on every request ({@code warden.introspection.enabled=true}) and opaque tokens, over
 * real HTTP against a real introspection endpoint.
 * <p>
 * Written once and run against both samples ({@code SampleApiIntrospectionTest} on Spring MVC,
 * {@code SampleApiReactiveIntrospectionTest} on WebFlux).
 */
public abstract class SampleApiIntrospectionContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	@Test
	void activeTokenPassesAndIsCached() {
		String token = issuer.token().scopes("orders:read").sign();
		int before = issuer.introspectionRequests();
		assertThat(this.http.get("/api/orders", token).status()).isEqualTo(200);
		assertThat(this.http.get("/api/orders", token).status()).isEqualTo(200);
		assertThat(issuer.introspectionRequests() - before).isEqualTo(1);
	}

	@Test
	void revokedTokenIs401NotActive() {
		String token = issuer.token().scopes("orders:read").sign();
		issuer.revoke(token);
		BearerAnswers.invalidToken(this.http.get("/api/orders", token), "The access token is not active");
	}

	@Test
	void forgedTokenIsRejectedWithoutAnyIntrospectionCall() {
		String token = issuer.token().scopes("orders:read").sign();
		String forged = token.substring(0, token.length() - 6) + "AAAAAA";
		int before = issuer.introspectionRequests();
		BearerAnswers.invalidToken(this.http.get("/api/orders", forged), DecoderOracle.SIGNATURE);
		BearerAnswers.invalidToken(this.http.get("/api/orders", "a.b.c"), DecoderOracle.MALFORMED);
		assertThat(issuer.introspectionRequests()).isEqualTo(before);
	}

	@Test
	void publicEndpointsNeverIntrospect() {
		int before = issuer.introspectionRequests();
		assertThat(this.http.get("/public/ping", issuer.token().sign()).status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health", issuer.token().sign()).status()).isEqualTo(200);
		assertThat(issuer.introspectionRequests()).isEqualTo(before);
	}

	@Test
	void outageIs503WithRetryAfterUnderTheDenyPolicy() {
		issuer.introspectionAnswers((token) -> IntrospectionAnswer.status(500));
		BearerAnswers.unavailable(this.http.get("/api/orders", issuer.token().scopes("orders:read").sign()), "5");
	}

	@Test
	void garbageAnswerIs503NotA401() {
		issuer.introspectionAnswers((token) -> IntrospectionAnswer.status(200).body("<html>"));
		BearerAnswers.unavailable(this.http.get("/api/orders", issuer.token().scopes("orders:read").sign()), "5");
	}

	@Test
	void opaqueTokenIsAcceptedThroughIntrospection() {
		String opaque = issuer.opaqueToken(Map.of("sub", "bob", "client_id", "orders-reader", "scope", "orders:read"));
		assertThat(this.http.get("/api/orders", opaque).status()).isEqualTo(200);
		Answer me = this.http.get("/api/me", opaque);
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.body()).isEqualTo("{\"sub\":\"bob\",\"client_id\":\"orders-reader\",\"scopes\":[\"orders:read\"]}");
	}

	@Test
	void anAnswerThatBindsAJwtToAKeyTheTokenDoesNotNameIsRefused() {
		issuer.introspectionAnswers((token) -> IntrospectionAnswer
			.json("{\"active\":true,\"cnf\":{\"jkt\":\"" + dev.warden.test.DPoPKey.ec().thumbprint() + "\"}}"));
		try {
			Answer answer = this.http.get("/api/orders", issuer.token().scopes("orders:read").sign());
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.header("WWW-Authenticate"))
				.contains("error_description=\"The authorization server's binding (cnf) differs from the token's\"");
		}
		finally {
			issuer.introspectionAnswers(null);
		}
	}

	@Test
	void anOpaqueTokenTheAnswerBindsToACertificateNeedsTheCertificate() {
		String opaque = issuer.opaqueToken(Map.of("sub", "bob", "scope", "orders:read", "cnf",
				Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2")));
		Answer answer = this.http.get("/api/orders", opaque);
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).contains(
				"error_description=\"The access token is bound to a client certificate, and the request presents none\"");
	}

	@Test
	void anOpaqueTokenTheAnswerBindsToADPoPKeyNeedsAProof() {
		dev.warden.test.DPoPKey key = dev.warden.test.DPoPKey.ec();
		String opaque = issuer.opaqueToken(Map.of("sub", "bob", "scope", "orders:read", "cnf",
				Map.of("jkt", key.thumbprint())));
		Answer bearer = this.http.get("/api/orders", opaque);
		assertThat(bearer.status()).isEqualTo(401);
		assertThat(bearer.header("WWW-Authenticate")).contains(
				"error_description=\"The access token is bound to a DPoP key; send it with the DPoP scheme and a proof\"");
		String proof = key.proof("GET", "http://127.0.0.1:" + this.port + "/api/orders", opaque);
		Answer dpop = this.http.raw("/api/orders", java.util.List.of("Authorization: DPoP " + opaque, "DPoP: " + proof));
		assertThat(dpop.status()).as("%s", dpop).isEqualTo(200);
	}

	@Test
	void opaqueTokenWithoutTheScopeIs403() {
		String opaque = issuer.opaqueToken(Map.of("sub", "bob", "scope", "orders:read"));
		BearerAnswers.insufficientScope(this.http.send("POST", "/api/orders", opaque, "application/json", "{}"),
				"orders:write");
	}

	@Test
	void unknownOrRevokedOpaqueTokenIs401() {
		BearerAnswers.invalidToken(this.http.get("/api/me", "opaque-unknown"), "The access token is not active");
		String opaque = issuer.opaqueToken(Map.of("sub", "bob", "scope", "orders:read"));
		issuer.revoke(opaque);
		BearerAnswers.invalidToken(this.http.get("/api/me", opaque), "The access token is not active");
	}

	@Test
	void jwtMeStillWorks() {
		Answer me = this.http.get("/api/me", issuer.token().scopes("orders:read").sign());
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.body()).contains("\"sub\":\"alice\"");
	}

	@Test
	void opaqueTokenIntrospectionOutageIs503() {
		String opaque = issuer.opaqueToken(Map.of("sub", "carol", "scope", "orders:read"));
		issuer.introspectionAnswers((token) -> IntrospectionAnswer.status(502));
		BearerAnswers.unavailable(this.http.get("/api/me", opaque), "5");
	}

	@Test
	void introspectionRequestNeverCarriesTheTokenInTheUrl() {
		this.http.get("/api/orders", issuer.token().scopes("orders:read").sign());
		List<RecordedCall> log = issuer.introspectionLog();
		assertThat(log).isNotEmpty();
		assertThat(log.get(log.size() - 1).path()).doesNotContain("?");
	}

}
