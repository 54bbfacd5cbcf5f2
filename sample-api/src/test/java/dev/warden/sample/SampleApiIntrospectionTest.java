package dev.warden.sample;

import java.util.List;
import java.util.Map;

import dev.warden.test.BearerAnswers;
import dev.warden.test.Http;
import dev.warden.test.Http.Answer;
import dev.warden.test.WardenTestIssuer;
import dev.warden.test.WithWardenIssuer;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live checks on every request ({@code warden.introspection.enabled=true}) and opaque tokens, over
 * real HTTP against a real introspection endpoint.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.introspection.enabled=true", "warden.introspection.accept-opaque-tokens=true",
				"warden.introspection.cache-ttl=30s" })
class SampleApiIntrospectionTest {

	static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");


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
		BearerAnswers.invalidToken(this.http.get("/api/orders", forged), "The token's signature is invalid");
		BearerAnswers.invalidToken(this.http.get("/api/orders", "a.b.c"), "The access token is malformed");
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
		issuer.introspectionAnswers((token) -> new MockResponse.Builder().code(500).build());
		BearerAnswers.unavailable(this.http.get("/api/orders", issuer.token().scopes("orders:read").sign()), "5");
	}

	@Test
	void garbageAnswerIs503NotA401() {
		issuer.introspectionAnswers((token) -> new MockResponse.Builder().body("<html>").build());
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
		issuer.introspectionAnswers((token) -> new MockResponse.Builder().code(502).build());
		BearerAnswers.unavailable(this.http.get("/api/me", opaque), "5");
	}

	@Test
	void introspectionRequestNeverCarriesTheTokenInTheUrl() {
		this.http.get("/api/orders", issuer.token().scopes("orders:read").sign());
		List<mockwebserver3.RecordedRequest> log = issuer.introspectionLog();
		assertThat(log).isNotEmpty();
		assertThat(log.get(log.size() - 1).getUrl().encodedQuery()).isNull();
	}

}
