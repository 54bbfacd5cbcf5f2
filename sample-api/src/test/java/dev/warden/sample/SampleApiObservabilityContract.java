package dev.warden.sample;

import java.time.Instant;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.test.BearerAnswers;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample API's Actuator endpoints as scrapers and probes see them: health and Prometheus
 * without a token, Warden's meters listed, the {@code warden} health contributor present.
 * <p>
 * Written once and run against both samples ({@code SampleApiObservabilityTest} on Spring MVC,
 * {@code SampleApiReactiveObservabilityTest} on WebFlux).
 */
public abstract class SampleApiObservabilityContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	private static double sample(String scrape, String series) {
		return Prometheus.sample(scrape, series);
	}

	private static final String ACCEPTED = "warden_token_validations_seconds_count{cache=\"miss\",issuer=\"default\",outcome=\"accepted\"}";

	private static final String EXPIRED = "warden_token_validations_seconds_count{cache=\"none\",issuer=\"default\",outcome=\"expired\"}";

	private static final String GRANTED = "warden_authorization_decisions_total{outcome=\"granted\",route=\"/api/orders\"}";

	private static final String INSUFFICIENT = "warden_authorization_decisions_total{outcome=\"insufficient_scope\",route=\"/api/orders\"}";

	@Test
	void prometheusIsPublicAndListsWardenMeters() {
		Http http = new Http(this.port);
		// the application context is shared with other test classes: count only what this test's requests add
		String before = http.get("/actuator/prometheus", null).body();
		assertThat(http.get("/api/orders", issuer.token().scopes("orders:read").sign()).status()).isEqualTo(200);
		BearerAnswers.insufficientScope(http.get("/api/orders", issuer.token().scopes("orders:write").sign()),
				"orders:read");
		BearerAnswers.invalidToken(http.get("/api/orders", issuer.token().expiresAt(Instant.now().minusSeconds(600)).sign()),
				DecoderOracle.EXPIRED);
		Answer prometheus = http.get("/actuator/prometheus", null);
		assertThat(prometheus.status()).isEqualTo(200);
		String after = prometheus.body();
		assertThat(sample(after, ACCEPTED) - sample(before, ACCEPTED)).as(ACCEPTED).isEqualTo(2);
		assertThat(sample(after, EXPIRED) - sample(before, EXPIRED)).as(EXPIRED).isEqualTo(1);
		assertThat(sample(after, GRANTED) - sample(before, GRANTED)).as(GRANTED).isEqualTo(1);
		assertThat(sample(after, INSUFFICIENT) - sample(before, INSUFFICIENT)).as(INSUFFICIENT).isEqualTo(1);
		assertThat(after).contains("warden_jwks_fetches_total{issuer=\"default\",result=\"success\"}", "warden_jwks_keys",
				"warden_jwks_age_seconds", "warden_token_clock_drift_seconds", "warden_token_cache_size",
				"warden_introspection_calls_seconds", "warden_introspection_cache_size");
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
		BearerAnswers.missingToken(http.get("/actuator/warden", null));
		BearerAnswers.insufficientScope(http.get("/actuator/warden", issuer.token().scopes("orders:read").sign()),
				"actuator");
	}

}
