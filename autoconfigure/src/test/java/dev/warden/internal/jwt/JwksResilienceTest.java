package dev.warden.internal.jwt;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.JwksUnavailableException;
import dev.warden.jwt.TokenRejection;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the key source behaves when keys rotate, when tokens name unknown keys, and when the JWKS
 * endpoint fails or hangs — against a real HTTP endpoint.
 */
class JwksResilienceTest {

	private TestIssuer issuer;

	private Pipeline pipeline;

	@BeforeEach
	void start() {
		this.issuer = TestIssuer.start();
		this.pipeline = new Pipeline(this.issuer);
	}

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	private static JwksSettings settings(Duration cacheTtl, Duration minRefresh, Duration outage, Duration timeout) {
		return new JwksSettings(cacheTtl, Duration.ZERO, minRefresh, outage, timeout, timeout, 64 * 1024);
	}

	@Test
	void keyRotationTriggersOneRefetchThenSucceeds() {
		WardenJwtDecoder decoder = this.pipeline.build();
		decoder.decode(this.issuer.token().sign());
		this.issuer.rotateKeys();
		String rotated = this.issuer.token().sign();
		assertThat(decoder.decode(rotated).getSubject()).isEqualTo("alice");
		assertThat(decoder.decode(rotated).getSubject()).isEqualTo("alice");
		assertThat(this.issuer.jwksRequests()).isEqualTo(2);
	}

	@Test
	void floodOfUnknownKidsCausesAtMostTwoFetchesPerInterval() throws Exception {
		WardenJwtDecoder decoder = this.pipeline.build();
		decoder.decode(this.issuer.token().sign());
		RSAKey forger = new RSAKeyGenerator(2048).generate();
		for (int i = 0; i < 100; i++) {
			String token = this.issuer.token().signedWith(forger).keyId("forged-" + i).sign();
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(token))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(TokenRejection.UNKNOWN_KEY));
		}
		assertThat(this.issuer.jwksRequests()).isLessThanOrEqualTo(2);
		assertThat(decoder.decode(this.issuer.token().sign()).getSubject()).isEqualTo("alice");
	}

	@Test
	void cachedKeysKeepServingPastTheCacheTtlWhileTheEndpointIsDown() throws Exception {
		this.pipeline.jwks = settings(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofHours(1),
				Duration.ofSeconds(1));
		WardenJwtDecoder decoder = this.pipeline.build();
		decoder.decode(this.issuer.token().sign());
		this.issuer.jwksDown();
		Thread.sleep(500);
		assertThat(decoder.decode(this.issuer.token().sign()).getSubject()).isEqualTo("alice");
		assertThat(this.issuer.jwksRequests()).isGreaterThanOrEqualTo(2);
		assertThat(this.pipeline.status.state()).isEqualTo(JwksStatus.State.STALE);
	}

	@Test
	void withoutOutageToleranceExpiredKeysAreNotUsed() throws Exception {
		this.pipeline.jwks = settings(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ZERO,
				Duration.ofSeconds(1));
		WardenJwtDecoder decoder = this.pipeline.build();
		decoder.decode(this.issuer.token().sign());
		this.issuer.jwksDown();
		Thread.sleep(500);
		assertThatExceptionOfType(JwksUnavailableException.class)
			.isThrownBy(() -> decoder.decode(this.issuer.token().sign()));
	}

	@Test
	void endpointDownWithNothingCachedIsUnavailableNotInvalid() {
		this.issuer.jwksDown();
		WardenJwtDecoder decoder = this.pipeline.build();
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(JwksUnavailableException.class)
				.isThrownBy(() -> decoder.decode(this.issuer.token().sign()));
		}
		assertThat(this.issuer.jwksRequests()).isLessThanOrEqualTo(2);
		assertThat(this.pipeline.status.state()).isEqualTo(JwksStatus.State.UNAVAILABLE);
		assertThat(this.pipeline.status.snapshot().lastFailureReason()).contains("HTTP 503");
	}

	@Test
	void recoversOnceTheEndpointIsBack() throws Exception {
		this.pipeline.jwks = settings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofHours(1),
				Duration.ofSeconds(1));
		this.issuer.jwksDown();
		WardenJwtDecoder decoder = this.pipeline.build();
		assertThatExceptionOfType(JwksUnavailableException.class)
			.isThrownBy(() -> decoder.decode(this.issuer.token().sign()));
		this.issuer.jwksUp();
		Thread.sleep(300);
		assertThat(decoder.decode(this.issuer.token().sign()).getSubject()).isEqualTo("alice");
		assertThat(this.pipeline.status.state()).isEqualTo(JwksStatus.State.FRESH);
	}

	@Test
	void hangingEndpointIsAnsweredWithinConnectPlusReadTimeout() {
		this.pipeline.jwks = settings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1),
				Duration.ofMillis(400));
		this.issuer.jwksHangs(Duration.ofSeconds(10));
		WardenJwtDecoder decoder = this.pipeline.build();
		long start = System.nanoTime();
		assertThatExceptionOfType(JwksUnavailableException.class)
			.isThrownBy(() -> decoder.decode(this.issuer.token().sign()));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		// deadline is connect + read = 800ms; the margin covers a loaded CI machine
		assertThat(elapsed).isLessThan(Duration.ofMillis(800 + 1500));
		assertThat(this.pipeline.status.snapshot().lastFailureReason()).startsWith("JWKS could not be fetched: No answer from " + this.issuer.jwksUri());
	}

	@Test
	void oversizedJwksIsRefused() {
		this.pipeline.jwks = new JwksSettings(Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(30),
				Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 100);
		WardenJwtDecoder decoder = this.pipeline.build();
		assertThatExceptionOfType(JwksUnavailableException.class)
			.isThrownBy(() -> decoder.decode(this.issuer.token().sign()));
		assertThat(this.pipeline.status.snapshot().lastFailureReason()).contains("larger than the limit of 100 bytes");
	}

	@Test
	void weakRsaKeysAreIgnored() throws Exception {
		RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
		this.issuer.publish(List.of(weak, this.issuer.ecKey()));
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = this.issuer.token().signedWith(weak).sign();
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(token))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(TokenRejection.UNKNOWN_KEY));
		assertThat(this.pipeline.status.snapshot().keyIds()).containsExactly(this.issuer.ecKey().getKeyID());
	}

	@Test
	void jwksUriIsDiscoveredFromTheIssuerMetadata() {
		try (TestIssuer tenant = TestIssuer.start("/tenant-1")) {
			Pipeline discovering = new Pipeline(tenant);
			discovering.discover = true;
			assertThat(discovering.build().decode(tenant.token().sign()).getSubject()).isEqualTo("alice");
			assertThat(tenant.jwksRequests()).isEqualTo(1);
		}
	}

	@Test
	void metadataNamingAnotherIssuerIsRefused() {
		this.issuer.advertiseIssuer("https://other.example");
		this.pipeline.discover = true;
		WardenJwtDecoder decoder = this.pipeline.build();
		assertThatExceptionOfType(JwksUnavailableException.class)
			.isThrownBy(() -> decoder.decode(this.issuer.token().sign()));
		assertThat(this.pipeline.status.snapshot().lastFailureReason())
			.contains("does not equal the configured issuer");
		assertThat(this.issuer.jwksRequests()).isZero();
	}

	@Test
	void metadataLocationsFollowRfc8414ThenOpenId() {
		assertThat(IssuerMetadata.locations("https://as.example/tenant/1/")).extracting(Object::toString)
			.containsExactly("https://as.example/.well-known/oauth-authorization-server/tenant/1",
					"https://as.example/tenant/1/.well-known/openid-configuration");
		assertThat(IssuerMetadata.locations("https://as.example")).extracting(Object::toString)
			.containsExactly("https://as.example/.well-known/oauth-authorization-server",
					"https://as.example/.well-known/openid-configuration");
	}

}
