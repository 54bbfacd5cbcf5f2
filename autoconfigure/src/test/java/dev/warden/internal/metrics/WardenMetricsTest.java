package dev.warden.internal.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.warden.internal.jwt.JwksSettings;
import dev.warden.internal.jwt.Pipeline;
import dev.warden.internal.jwt.VerifiedTokenCache;
import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.JwksUnavailableException;
import dev.warden.test.TestIssuer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each outcome of the real pipeline increments its own meter.
 */
class WardenMetricsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final WardenMetrics metrics = new WardenMetrics(this.registry, Clock.systemUTC());

	private TestIssuer issuer;

	private Pipeline pipeline;

	@BeforeEach
	void start() {
		this.issuer = TestIssuer.start();
		this.pipeline = new Pipeline(this.issuer);
		this.pipeline.listener = this.metrics;
		this.pipeline.jwksListener = this.metrics;
		this.pipeline.cache = new VerifiedTokenCache(100, this.pipeline.skew, Clock.systemUTC());
	}

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	private long validations(String outcome, String cache) {
		return this.registry.get("warden.token.validations").tag("issuer", "default").tag("outcome", outcome).tag("cache", cache).timer().count();
	}

	private void reject(WardenJwtDecoder decoder, String token) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(token));
	}

	@Test
	void acceptedTokensAreCountedAsCacheMissThenHit() {
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = this.issuer.token().sign();
		decoder.decode(token);
		decoder.decode(token);
		decoder.decode(token);
		assertThat(validations("accepted", "miss")).isEqualTo(1);
		assertThat(validations("accepted", "hit")).isEqualTo(2);
		assertThat(this.registry.get("warden.token.validations").tag("issuer", "default").tag("outcome", "accepted").timer().totalTime(
				java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
	}

	@Test
	void everyRejectionHasItsOutcome() throws Exception {
		WardenJwtDecoder decoder = this.pipeline.build();
		reject(decoder, this.issuer.token().expiresAt(Instant.now().minusSeconds(3600)).sign());
		reject(decoder, this.issuer.token().notBefore(Instant.now().plusSeconds(3600)).sign());
		String token = this.issuer.token().sign();
		reject(decoder, token.substring(0, token.length() - 10) + ((token.charAt(token.length() - 10) == 'A') ? 'B' : 'A')
				+ token.substring(token.length() - 9));
		reject(decoder, this.issuer.token().signedWith(new RSAKeyGenerator(2048).keyID("nope").generate()).sign());
		reject(decoder, this.issuer.token().claim("iss", "https://evil.example").sign());
		reject(decoder, this.issuer.token().claim("aud", "billing").sign());
		reject(decoder, "not-a-jwt");
		for (String outcome : new String[] { "expired", "not_yet_valid", "invalid_signature", "unknown_key",
				"invalid_issuer", "invalid_audience", "malformed" }) {
			assertThat(validations(outcome, "none")).as(outcome).isEqualTo(1);
		}
		assertThat(validations("accepted", "miss")).isZero();
	}

	@Test
	void jwksOutcomesAreCounted() throws Exception {
		this.pipeline.jwks = new JwksSettings(Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(30),
				Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 64 * 1024);
		this.issuer.jwksDown();
		WardenJwtDecoder decoder = this.pipeline.build();
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(JwksUnavailableException.class)
				.isThrownBy(() -> decoder.decode(this.issuer.token().sign()));
		}
		assertThat(validations("jwks_unavailable", "none")).isEqualTo(4);
		assertThat(this.registry.get("warden.jwks.fetches").tag("issuer", "default").tag("result", "failure").counter().count()).isEqualTo(2);
		assertThat(this.registry.get("warden.jwks.fetches").tag("issuer", "default").tag("result", "rate_limited").counter().count())
			.isGreaterThanOrEqualTo(1);
		this.metrics.bindJwks(this.pipeline.status);
		assertThat(this.registry.get("warden.jwks.keys").tag("issuer", "default").gauge().value()).isZero();
		assertThat(this.registry.get("warden.jwks.age").tag("issuer", "default").gauge().value()).isNaN();
	}

	@Test
	void successfulFetchesAndKeyGaugesAreReported() {
		WardenJwtDecoder decoder = this.pipeline.build();
		decoder.decode(this.issuer.token().sign());
		this.metrics.bindJwks(this.pipeline.status);
		assertThat(this.registry.get("warden.jwks.fetches").tag("issuer", "default").tag("result", "success").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("warden.jwks.keys").tag("issuer", "default").gauge().value()).isEqualTo(2);
		assertThat(this.registry.get("warden.jwks.age").tag("issuer", "default").gauge().value()).isBetween(0.0, 5.0);
	}

	@Test
	void clockDriftKeepsItsSign() {
		WardenJwtDecoder decoder = this.pipeline.build();
		decoder.decode(this.issuer.token().issuedAt(Instant.now().minusSeconds(20)).sign());
		decoder.decode(this.issuer.token().issuedAt(Instant.now().plusSeconds(30)).sign());
		assertThat(this.registry.get("warden.token.clock.drift").tag("issuer", "default").tag("sign", "positive").summary().count())
			.isEqualTo(1);
		assertThat(this.registry.get("warden.token.clock.drift").tag("issuer", "default").tag("sign", "negative").summary().max())
			.isBetween(25.0, 31.0);
		assertThat(this.registry.get("warden.token.clock.drift.last").tag("issuer", "default").gauge().value()).isBetween(-31.0, -25.0);
	}

	@Test
	void cacheHitsDoNotMeasureDrift() {
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = this.issuer.token().issuedAt(Instant.now().minusSeconds(20)).sign();
		decoder.decode(token);
		decoder.decode(token);
		assertThat(this.registry.get("warden.token.clock.drift").tag("issuer", "default").tag("sign", "positive").summary().count())
			.isEqualTo(1);
	}

	@Test
	void authorizationDecisionsAreTaggedWithOutcomeAndRoute() {
		this.metrics.decided("granted", "/api/orders");
		this.metrics.decided("granted", "/api/orders");
		this.metrics.decided("insufficient_scope", "/api/orders/{id}");
		assertThat(this.registry.get("warden.authorization.decisions")
			.tag("outcome", "granted")
			.tag("route", "/api/orders")
			.counter()
			.count()).isEqualTo(2);
		assertThat(this.registry.get("warden.authorization.decisions")
			.tag("outcome", "insufficient_scope")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void noMeterIsTaggedWithTokenSubjectOrClient() {
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = this.issuer.token().claim("client_id", "orders-reader").sign();
		decoder.decode(token);
		java.util.List<String> tagValues = this.registry.getMeters()
			.stream()
			.flatMap((meter) -> meter.getId().getTags().stream())
			.map(io.micrometer.core.instrument.Tag::getValue)
			.toList();
		// the check below must have something to check: this test's validation was recorded, under its tags
		assertThat(validations("accepted", "miss")).isEqualTo(1);
		assertThat(tagValues).contains("accepted", "miss");
		assertThat(tagValues).allSatisfy((value) -> {
			assertThat(value).doesNotContain("alice").doesNotContain("orders-reader");
			assertThat(token).doesNotContain(value.length() > 8 ? value : "\u0000");
		});
	}

}
