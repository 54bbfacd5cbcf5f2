package dev.warden.internal.jwt;

import java.io.IOException;
import java.net.URI;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.warden.jwt.JwksListener;

/**
 * Builds Warden's key source: the remote JWKS wrapped in Nimbus's cache, refresh-ahead, rate limit
 * on refetches, and outage tolerance, with the cache-refresh wait aligned to the HTTP deadline so
 * that no request waits on a fetch longer than connect + read timeout.
 */
public final class JwkSources {

	private JwkSources() {
	}

	/**
	 * Builds the key source.
	 * @param jwksUri the configured JWKS URI, or {@code null} to discover it from the issuer
	 * @param metadata the issuer's metadata
	 * @param fetcher the HTTP fetcher
	 * @param settings cache and timing settings
	 * @param status where fetch outcomes are recorded
	 * @return the key source; close it on shutdown
	 */
	public static JWKSource<SecurityContext> build(URI jwksUri, IssuerMetadata metadata, HttpFetcher fetcher,
			JwksSettings settings, JwksStatus status) {
		return build(jwksUri, metadata, fetcher, settings, status, JwksListener.NONE);
	}

	/**
	 * Builds the key source.
	 * @param jwksUri the configured JWKS URI, or {@code null} to discover it from the issuer
	 * @param metadata the issuer's metadata
	 * @param fetcher the HTTP fetcher
	 * @param settings cache and timing settings
	 * @param status where fetch outcomes are recorded
	 * @param listener told about fetches and rate-limited refetches (Nimbus events)
	 * @return the key source; close it on shutdown
	 */
	public static JWKSource<SecurityContext> build(URI jwksUri, IssuerMetadata metadata, HttpFetcher fetcher,
			JwksSettings settings, JwksStatus status, JwksListener listener) {
		RemoteJwkSetSource.Location location = (jwksUri != null) ? () -> jwksUri : () -> discover(metadata);
		RemoteJwkSetSource origin = new RemoteJwkSetSource(location, fetcher, status, listener);
		JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.create(origin)
			.retrying(false)
			.cache(settings.cacheTtl().toMillis(), settings.fetchDeadline().toMillis())
			.rateLimited(settings.minRefreshInterval().toMillis(), (event) -> {
				if (event instanceof RateLimitedJWKSetSource.RateLimitedEvent) {
					listener.rateLimited();
				}
			});
		if (settings.refreshAhead().isZero()) {
			builder.refreshAheadCache(false);
		}
		else {
			builder.refreshAheadCache(settings.refreshAhead().toMillis(), false);
		}
		if (settings.outageTolerance().isZero()) {
			builder.outageTolerant(false);
		}
		else {
			builder.outageTolerant(settings.outageTolerance().toMillis());
		}
		return builder.build();
	}

	private static URI discover(IssuerMetadata metadata) throws IOException {
		return metadata.uri("jwks_uri");
	}

}
