package dev.warden.sample;

import dev.warden.test.BearerAnswers;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample API starts while its issuer's JWKS endpoint is down, and answers 503 with
 * {@code Retry-After} — not 401, not 500 — while no keys are available.
 * <p>
 * Written once and run against both samples ({@code SampleApiJwksOutageTest} on Spring MVC,
 * {@code SampleApiReactiveJwksOutageTest} on WebFlux).
 */
public abstract class SampleApiJwksOutageContract {

	// a private issuer: its JWKS endpoint is down before the application starts
	protected static final WardenTestIssuer issuer = WardenTestIssuer.start("orders-api", "orders-api", "orders-api-secret");

	static {
		issuer.jwksDown();
	}

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

	@Test
	void validTokenWhileJwksIsDownIs503WithRetryAfter() {
		Http http = new Http(this.port);
		for (int i = 0; i < 3; i++) {
			BearerAnswers.unavailable(http.get("/api/orders", issuer.token().sign()), "20");
		}
		assertThat(http.get("/public/ping", null).status()).isEqualTo(200);
	}

}
