package dev.warden.security.support;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.warden.internal.jwt.HttpFetcher;
import dev.warden.internal.jwt.IssuerMetadata;
import dev.warden.internal.jwt.JwkSources;
import dev.warden.internal.jwt.JwksSettings;
import dev.warden.internal.jwt.JwksStatus;
import dev.warden.internal.jwt.TokenValidationSettings;
import dev.warden.internal.jwt.VerifiedTokenCache;
import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.jwt.TokenValidationListener;
import dev.warden.test.TestIssuer;

/**
 * Builds Warden's real token pipeline (HTTP fetcher, Nimbus cache/rate-limit/outage decorators,
 * decoder) against a test issuer, as the auto-configuration does, with settings a test can change
 * (after autoconfigure's test {@code Pipeline}).
 */
public final class PipelineBuilder {

	public JwksSettings jwks = new JwksSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30),
			Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024);

	public Duration skew = Duration.ofSeconds(60);

	public Clock clock = Clock.systemUTC();

	public Set<JWSAlgorithm> algorithms = TokenValidationSettings.DEFAULT_ALGORITHMS;

	public Set<String> audiences = Set.of(TestIssuer.AUDIENCE);

	public int maxTokenLength = 6 * 1024;

	/** Whether the RFC 9068 profile is required ({@code warden.strict-rfc9068}). */
	public boolean strictRfc9068;

	/** Whether the decoder keeps verified tokens in Warden's cache (on by default in the application). */
	public boolean tokenCache;

	public JwksStatus status;

	public JWKSource<SecurityContext> source;

	private final TestIssuer issuer;

	public PipelineBuilder(TestIssuer issuer) {
		this.issuer = issuer;
	}

	public WardenJwtDecoder build() {
		HttpFetcher fetcher = new HttpFetcher(this.jwks.connectTimeout(), this.jwks.readTimeout(),
				this.jwks.maxSizeBytes(), null);
		this.status = new JwksStatus(this.clock, this.jwks.cacheTtl(), this.jwks.outageTolerance());
		URI jwksUri = this.issuer.jwksUri();
		this.source = JwkSources.build(jwksUri, new IssuerMetadata(this.issuer.issuer(), fetcher), fetcher, this.jwks,
				this.status);
		TokenValidationSettings settings = new TokenValidationSettings(this.issuer.issuer(), this.audiences, this.skew,
				this.algorithms, this.strictRfc9068, this.maxTokenLength, this.clock);
		if (this.tokenCache) {
			return new WardenJwtDecoder(settings, this.source, this.status,
					new VerifiedTokenCache(10_000, this.skew, this.clock), TokenValidationListener.NONE);
		}
		return new WardenJwtDecoder(settings, this.source, this.status);
	}

}
