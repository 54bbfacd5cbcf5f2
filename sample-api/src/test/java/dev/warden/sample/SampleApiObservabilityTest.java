package dev.warden.sample;

import java.time.Instant;

import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import dev.warden.test.WithWardenIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample API's Actuator endpoints as scrapers and probes see them: health and Prometheus
 * without a token, Warden's meters listed, the {@code warden} health contributor present.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApiObservabilityTest {

	static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");


	@LocalServerPort
	int port;

	@Test
	void prometheusIsPublicAndListsWardenMeters() {
		Http http = new Http(this.port);
		http.get("/api/orders", issuer.token().scopes("orders:read").sign());
		http.get("/api/orders", issuer.token().scopes("orders:write").sign());
		http.get("/api/orders", issuer.token().expiresAt(Instant.now().minusSeconds(600)).sign());
		Answer prometheus = http.get("/actuator/prometheus", null);
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.body()).contains("warden_token_validations_seconds_count{cache=\"miss\",issuer=\"default\",outcome=\"accepted\"}",
				"warden_token_validations_seconds_count{cache=\"none\",issuer=\"default\",outcome=\"expired\"}",
				"warden_authorization_decisions_total{outcome=\"granted\",route=\"/api/orders\"}",
				"warden_authorization_decisions_total{outcome=\"insufficient_scope\",route=\"/api/orders\"}",
				"warden_jwks_fetches_total{issuer=\"default\",result=\"success\"}", "warden_jwks_keys", "warden_jwks_age_seconds",
				"warden_token_clock_drift_seconds", "warden_token_cache_size", "warden_introspection_calls_seconds",
				"warden_introspection_cache_size");
	}

	@Test
	void healthIsPublicAndHasTheWardenContributor() {
		Http http = new Http(this.port);
		http.get("/api/orders", issuer.token().scopes("orders:read").sign());
		Answer health = http.get("/actuator/health", null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"warden\":{", "\"state\":\"fresh\"", "\"introspection\":{");
	}

	@Test
	void otherActuatorEndpointsNeedTheActuatorScope() {
		Http http = new Http(this.port);
		assertThat(http.get("/actuator/warden", null).status()).isEqualTo(401);
		assertThat(http.get("/actuator/warden", issuer.token().scopes("orders:read").sign()).status()).isEqualTo(403);
	}

}
