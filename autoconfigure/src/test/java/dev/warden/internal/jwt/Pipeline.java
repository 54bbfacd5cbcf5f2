package dev.warden.internal.jwt;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.warden.jwt.JwksListener;
import dev.warden.jwt.TokenValidationListener;
import dev.warden.test.TestIssuer;

/** Builds the real pipeline (HTTP fetcher, Nimbus decorators, decoder) against a test issuer. */
public final class Pipeline {

	public JwksSettings jwks = new JwksSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30),
			Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024);

	public Duration skew = Duration.ofSeconds(60);

	public Clock clock = Clock.systemUTC();

	public boolean strict;

	public boolean discover;

	public Set<String> audiences = Set.of(TestIssuer.AUDIENCE);

	public JwksStatus status;

	public VerifiedTokenCache cache;

	public TokenValidationListener listener = TokenValidationListener.NONE;

	public JwksListener jwksListener = JwksListener.NONE;

	public JWKSource<SecurityContext> source;

	private final TestIssuer issuer;

	public Pipeline(TestIssuer issuer) {
		this.issuer = issuer;
	}

	public WardenJwtDecoder build() {
		HttpFetcher fetcher = new HttpFetcher(this.jwks.connectTimeout(), this.jwks.readTimeout(),
				this.jwks.maxSizeBytes(), null);
		this.status = new JwksStatus(this.clock, this.jwks.cacheTtl(), this.jwks.refreshAhead(),
				this.jwks.outageTolerance());
		URI jwksUri = this.discover ? null : this.issuer.jwksUri();
		this.source = JwkSources.build(jwksUri, new IssuerMetadata(this.issuer.issuer(), fetcher), fetcher, this.jwks,
				this.status, this.jwksListener);
		TokenValidationSettings settings = new TokenValidationSettings(this.issuer.issuer(), this.audiences, this.skew,
				TokenValidationSettings.DEFAULT_ALGORITHMS, this.strict, 6 * 1024, this.clock);
		return new WardenJwtDecoder(settings, this.source, this.status, this.cache, this.listener);
	}

}
