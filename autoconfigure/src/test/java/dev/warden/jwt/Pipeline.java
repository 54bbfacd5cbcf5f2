package dev.warden.jwt;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.warden.test.TestIssuer;

/** Builds the real pipeline (HTTP fetcher, Nimbus decorators, decoder) against a test issuer. */
final class Pipeline {

	JwksSettings jwks = new JwksSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30),
			Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024);

	Duration skew = Duration.ofSeconds(60);

	Clock clock = Clock.systemUTC();

	boolean strict;

	boolean discover;

	Set<String> audiences = Set.of(TestIssuer.AUDIENCE);

	JwksStatus status;

	VerifiedTokenCache cache;

	TokenValidationListener listener = TokenValidationListener.NONE;

	JWKSource<SecurityContext> source;

	private final TestIssuer issuer;

	Pipeline(TestIssuer issuer) {
		this.issuer = issuer;
	}

	WardenJwtDecoder build() {
		HttpFetcher fetcher = new HttpFetcher(this.jwks.connectTimeout(), this.jwks.readTimeout(),
				this.jwks.maxSizeBytes(), null);
		this.status = new JwksStatus(this.clock, this.jwks.cacheTtl(), this.jwks.refreshAhead(),
				this.jwks.outageTolerance());
		URI jwksUri = this.discover ? null : this.issuer.jwksUri();
		this.source = JwkSources.build(jwksUri, new IssuerMetadata(this.issuer.issuer(), fetcher), fetcher, this.jwks,
				this.status);
		TokenValidationSettings settings = new TokenValidationSettings(this.issuer.issuer(), this.audiences, this.skew,
				TokenValidationSettings.DEFAULT_ALGORITHMS, this.strict, 6 * 1024, this.clock);
		return new WardenJwtDecoder(settings, this.source, this.status, this.cache, this.listener);
	}

}
