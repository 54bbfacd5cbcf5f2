package dev.warden.scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.warden.scope.app.ScopeTestApplication;
import dev.warden.test.Http;
import dev.warden.test.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meters, health and the audit trail in a running application, over real HTTP: decisions are
 * counted by route, the {@code warden} health contributor answers, every denial leaves one audit
 * line with a fingerprint, and no token text ever reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ScopeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.audiences=" + TestIssuer.AUDIENCE, "management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always", "warden.public-paths=/actuator/health/**",
				"logging.level.dev.warden=DEBUG", "logging.level.org.springframework.security=DEBUG" })
class ObservabilityIntegrationTest {

	static final TestIssuer issuer = TestIssuer.start();

	@DynamicPropertySource
	static void warden(DynamicPropertyRegistry registry) {
		registry.add("warden.issuer", issuer::issuer);
		registry.add("warden.jwks-uri", () -> issuer.jwksUri().toString());
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@Test
	void decisionsAreCountedByOutcomeAndRoute() {
		Http http = new Http(this.port);
		http.get("/t/all", issuer.token().scopes("a b").sign());
		http.get("/t/all", issuer.token().scopes("a").sign());
		http.get("/undeclared", issuer.token().sign());
		assertThat(this.registry.get("warden.authorization.decisions")
			.tag("outcome", "granted")
			.tag("route", "/t/all")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
		assertThat(this.registry.get("warden.authorization.decisions")
			.tag("outcome", "insufficient_scope")
			.tag("route", "/t/all")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
		assertThat(this.registry.get("warden.authorization.decisions")
			.tag("outcome", "undeclared")
			.tag("route", "/undeclared")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
		assertThat(this.registry.get("warden.token.validations").tag("outcome", "accepted").timers()).isNotEmpty();
	}

	@Test
	void healthShowsTheWardenContributor() {
		new Http(this.port).get("/t/authenticated", issuer.token().sign());
		Http.Answer health = new Http(this.port).get("/actuator/health", null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"warden\":{\"details\":{\"jwks\":{\"state\":\"fresh\"")
			.containsPattern("\"keyAgeSeconds\":\\d+}},\"status\":\"UP\"}");
	}

	@Test
	void everyDenialIsAuditedWithAFingerprintAndNoTokenTextIsEverLogged(CapturedOutput output) {
		Http http = new Http(this.port);
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String good = issuer.token().scopes("a b").sign();
			String expired = issuer.token().expiresAt(Instant.now().minusSeconds(3600)).sign();
			String wrongScope = issuer.token().scopes("c").sign();
			String tampered = good.substring(0, good.length() - 3) + "xyz";
			tokens.addAll(List.of(good, expired, wrongScope, tampered));
			assertThat(http.get("/t/all", good).status()).isEqualTo(200);
			assertThat(http.get("/t/all", expired).status()).isEqualTo(401);
			assertThat(http.get("/t/all", wrongScope).status()).isEqualTo(403);
			assertThat(http.get("/t/all", tampered).status()).isEqualTo(401);
		}
		assertThat(http.get("/t/all", null).status()).isEqualTo(401);
		String log = output.getAll();
		assertThat(log).contains("outcome=insufficient_scope status=403",
				"route=\"/t/all\" client_id=- sub=\"alice\" required=\"a b\" granted=\"c\" token="
						+ dev.warden.internal.web.AuditLog.fingerprint(tokens.get(2)));
		assertThat(log).contains("outcome=invalid_token status=401 reason=\"The access token expired\"");
		assertThat(log).contains("outcome=missing_token status=401");
		for (String token : tokens) {
			String[] parts = token.split("\\.");
			assertThat(log).doesNotContain(token).doesNotContain(parts[1]).doesNotContain(parts[2]);
		}
	}

}
