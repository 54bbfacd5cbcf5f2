package dev.warden.internal.introspection;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import dev.warden.internal.jwt.HttpFetcher;
import dev.warden.internal.jwt.IssuerMetadata;
import dev.warden.internal.jwt.JwkSources;
import dev.warden.internal.jwt.JwksSettings;
import dev.warden.internal.jwt.JwksStatus;
import dev.warden.internal.jwt.TokenValidationSettings;
import dev.warden.internal.jwt.VerifiedTokenCache;
import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.introspection.ClientAuthentication;
import dev.warden.introspection.FailurePolicy;
import dev.warden.introspection.IntrospectionListener;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;
import dev.warden.jwt.TokenValidationListener;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A token served from the verified-token cache is still checked live, under introspection's own
 * cache: revocation bites once that cache's TTL has passed.
 */
class RevocationOnCacheHitTest {

	private final TestIssuer issuer = TestIssuer.start();

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	@Test
	void revocationStillAppliesWhenTheTokenIsACacheHit() throws Exception {
		HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024, null);
		JwksSettings jwks = new JwksSettings(Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(30),
				Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024);
		JwksStatus status = new JwksStatus(Clock.systemUTC(), jwks.cacheTtl(), jwks.outageTolerance());
		TokenValidationSettings validation = new TokenValidationSettings(this.issuer.issuer(),
				Set.of(TestIssuer.AUDIENCE), Duration.ofSeconds(60), TokenValidationSettings.DEFAULT_ALGORITHMS, false,
				6144, Clock.systemUTC());
		int[] hits = new int[1];
		WardenJwtDecoder local = new WardenJwtDecoder(validation,
				JwkSources.build(this.issuer.jwksUri(), null, fetcher, jwks, status), status,
				new VerifiedTokenCache(100, Duration.ofSeconds(60), Clock.systemUTC()), new TokenValidationListener() {
					@Override
					public void accepted(org.springframework.security.oauth2.jwt.Jwt jwt, boolean cached, long nanos) {
						if (cached) {
							hits[0]++;
						}
					}
				});
		IntrospectionTest.FakeTicker ticker = new IntrospectionTest.FakeTicker();
		IntrospectionSettings settings = new IntrospectionSettings(this.issuer.introspectionUri(), TestIssuer.CLIENT_ID,
				TestIssuer.CLIENT_SECRET, ClientAuthentication.CLIENT_SECRET_BASIC,
				Duration.ofSeconds(10), 100, 8, FailurePolicy.DENY, this.issuer.issuer(),
				Set.of(TestIssuer.AUDIENCE), Duration.ofSeconds(60), Clock.systemUTC());
		TokenIntrospector introspector = new TokenIntrospector(
				new IntrospectionClient(settings, fetcher, new IssuerMetadata(this.issuer.issuer(), fetcher)), settings,
				IntrospectionListener.NONE, ticker);
		IntrospectingJwtDecoder decoder = new IntrospectingJwtDecoder(local,
				new RevocationChecker(introspector, FailurePolicy.DENY),
				dev.warden.internal.jwt.SenderConstraints.of(dev.warden.internal.jwt.DPoPSettings.disabled(), dev.warden.jwt.DPoPListener.NONE));

		String token = this.issuer.token().sign();
		decoder.decode(token);
		this.issuer.revoke(token);
		decoder.decode(token);
		ticker.advance(Duration.ofSeconds(11));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(token))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(TokenRejection.REVOKED));
		assertThat(hits[0]).isEqualTo(2);
		assertThat(this.issuer.introspectionRequests()).isEqualTo(2);
	}

}
