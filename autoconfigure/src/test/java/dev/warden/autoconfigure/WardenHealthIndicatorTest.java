package dev.warden.autoconfigure;

import java.time.Duration;
import java.util.Map;

import dev.warden.internal.jwt.JwksSettings;
import dev.warden.internal.jwt.Pipeline;
import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.jwt.JwksUnavailableException;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code warden} health contributor tells a fresh instance, fresh keys, stale keys served
 * during an outage, and a dead issuer apart — against a real JWKS endpoint.
 */
class WardenHealthIndicatorTest {

	private TestIssuer issuer;

	private Pipeline pipeline;

	@BeforeEach
	void start() {
		this.issuer = TestIssuer.start();
		this.pipeline = new Pipeline(this.issuer);
		this.pipeline.jwks = new JwksSettings(Duration.ofMillis(300), Duration.ZERO, Duration.ofMillis(100),
				Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 64 * 1024);
	}

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	private Health health() {
		return new WardenHealthIndicator(this.pipeline.status, null).health(true);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> jwks(Health health) {
		return (Map<String, Object>) health.getDetails().get("jwks");
	}

	@Test
	void freshInstanceIsUnknownNotDown() {
		this.pipeline.build();
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("reason", "The JWK set has not been fetched yet");
	}

	@Test
	void freshKeysAreUp() {
		this.pipeline.build().decode(this.issuer.token().sign());
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(jwks(health)).containsEntry("state", "fresh").containsEntry("keys", 2).containsKey("keyAgeSeconds");
	}

	@Test
	void staleKeysDuringAnOutageAreDegradedWithKeyAge() throws Exception {
		WardenJwtDecoder decoder = this.pipeline.build();
		decoder.decode(this.issuer.token().sign());
		this.issuer.jwksDown();
		Thread.sleep(400);
		decoder.decode(this.issuer.token().sign());
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(WardenHealthIndicator.DEGRADED);
		assertThat(jwks(health)).containsEntry("state", "stale")
			.containsKey("keyAgeSeconds")
			.containsKey("lastFailureReason");
	}

	@Test
	void failedFetchWithoutUsableKeysIsDown() {
		this.issuer.jwksDown();
		WardenJwtDecoder decoder = this.pipeline.build();
		assertThatExceptionOfType(JwksUnavailableException.class)
			.isThrownBy(() -> decoder.decode(this.issuer.token().sign()));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(jwks(health)).containsEntry("state", "unavailable");
	}

}
