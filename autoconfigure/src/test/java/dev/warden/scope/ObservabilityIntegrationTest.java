package dev.warden.scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.scope.app.ScopeTestApplication;
import dev.warden.test.BearerAnswers;
import dev.warden.test.Http;
import dev.warden.test.TestIssuer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * counted by route (exact increases from each test's own requests: the context is shared), the
 * {@code warden} health contributor answers, every denial leaves exactly one audit line with a
 * fingerprint, and no token text ever reaches the log.
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

	private double decisions(String outcome, String route) {
		Counter counter = this.registry.find("warden.authorization.decisions").tag("outcome", outcome).tag("route", route)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private long accepted() {
		return this.registry.find("warden.token.validations").tag("outcome", "accepted").timers().stream()
			.mapToLong(Timer::count)
			.sum();
	}

	@Test
	void decisionsAreCountedByOutcomeAndRoute() {
		// this context is shared: count only what this test's own requests add
		double granted = decisions("granted", "/t/all");
		double insufficient = decisions("insufficient_scope", "/t/all");
		double undeclared = decisions("undeclared", "/undeclared");
		long accepted = accepted();
		Http http = new Http(this.port);
		assertThat(http.get("/t/all", issuer.token().scopes("a b").sign()).status()).isEqualTo(200);
		BearerAnswers.insufficientScope(http.get("/t/all", issuer.token().scopes("a").sign()), "a b");
		BearerAnswers.undeclared(http.get("/undeclared", issuer.token().sign()));
		assertThat(decisions("granted", "/t/all") - granted).as("granted on /t/all").isEqualTo(1);
		assertThat(decisions("insufficient_scope", "/t/all") - insufficient).as("insufficient_scope on /t/all")
			.isEqualTo(1);
		assertThat(decisions("undeclared", "/undeclared") - undeclared).as("undeclared on /undeclared").isEqualTo(1);
		assertThat(accepted() - accepted).as("tokens accepted").isEqualTo(3);
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
	void everyDenialIsAuditedOnceWithAFingerprintAndNoTokenTextIsEverLogged(CapturedOutput output) {
		Http http = new Http(this.port);
		List<String> tokens = new ArrayList<>();
		List<String> denied = new ArrayList<>();
		int auditLinesBefore = auditLines(output.getAll()).size();
		for (int i = 0; i < 10; i++) {
			String good = issuer.token().scopes("a b").sign();
			String expired = issuer.token().expiresAt(Instant.now().minusSeconds(3600)).sign();
			String wrongScope = issuer.token().scopes("c").sign();
			// canonical base64url (the last character of an RS256 signature carries 4 bits; 'A' leaves them zero)
			String tampered = good.substring(0, good.length() - 3) + (good.endsWith("xyA") ? "zyA" : "xyA");
			tokens.addAll(List.of(good, expired, wrongScope, tampered));
			denied.addAll(List.of(expired, wrongScope, tampered));
			assertThat(http.get("/t/all", good).status()).isEqualTo(200);
			BearerAnswers.invalidToken(http.get("/t/all", expired), DecoderOracle.EXPIRED);
			BearerAnswers.insufficientScope(http.get("/t/all", wrongScope), "a b");
			BearerAnswers.invalidToken(http.get("/t/all", tampered), DecoderOracle.SIGNATURE);
		}
		BearerAnswers.missingToken(http.get("/t/all", null));
		String log = output.getAll();
		List<String> audit = auditLines(log);
		// one line per denial: 30 refused tokens and one request without a token, nothing for the 10 accepted
		assertThat(audit.size() - auditLinesBefore).as("audit lines written by this test").isEqualTo(31);
		for (String token : denied) {
			String fingerprint = "token=" + dev.warden.internal.web.AuditLog.fingerprint(token);
			assertThat(audit.stream().filter((line) -> line.endsWith(fingerprint))).as("audit lines for %s", fingerprint)
				.hasSize(1);
		}
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

	/** The lines of Warden's audit logger. */
	private static List<String> auditLines(String log) {
		return log.lines().filter((line) -> line.contains(" " + dev.warden.internal.web.AuditLog.LOGGER + " ")).toList();
	}

}
