package dev.warden.internal.jwt;

import java.time.Duration;

/**
 * How the JWKS is fetched and cached.
 *
 * @param cacheTtl how long a fetched key set is used before it is fetched again
 * @param refreshAhead how long before expiry a refresh starts in the background
 * @param minRefreshInterval minimum interval between fetches triggered by unknown key ids
 * @param outageTolerance how long the last-known keys keep serving while the endpoint fails
 * @param connectTimeout connect timeout
 * @param readTimeout read timeout
 * @param maxSizeBytes largest JWKS document accepted
 */
public record JwksSettings(Duration cacheTtl, Duration refreshAhead, Duration minRefreshInterval,
		Duration outageTolerance, Duration connectTimeout, Duration readTimeout, long maxSizeBytes) {

	/**
	 * The longest a single fetch may take; requests waiting for another thread's refresh wait no
	 * longer than this.
	 * @return connect + read timeout
	 */
	public Duration fetchDeadline() {
		return this.connectTimeout.plus(this.readTimeout);
	}

}
