package dev.warden.autoconfigure;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * JWK set retrieval and caching.
 */
public class JwksProperties {

	/**
	 * How long a fetched key set is used before it is fetched again.
	 */
	private Duration cacheTtl = Duration.ofMinutes(5);

	/**
	 * How long before the cached key set expires a background refresh starts, so requests
	 * rarely wait for a fetch. 0s disables refresh-ahead.
	 */
	private Duration refreshAhead = Duration.ofSeconds(30);

	/**
	 * Minimum interval between refetches caused by unknown key ids (kid). Two fetches are
	 * allowed per interval, the second one kept for key rotation.
	 */
	private Duration minRefreshInterval = Duration.ofSeconds(30);

	/**
	 * How long after the last successful fetch the last-known keys keep serving while the
	 * JWKS endpoint fails. 0s disables; otherwise at least the cache TTL.
	 */
	private Duration outageTolerance = Duration.ofHours(1);

	/**
	 * Connect timeout for requests to the JWKS and metadata endpoints.
	 */
	private Duration connectTimeout = Duration.ofSeconds(2);

	/**
	 * Read timeout for requests to the JWKS and metadata endpoints.
	 */
	private Duration readTimeout = Duration.ofSeconds(2);

	/**
	 * Largest JWKS or metadata document accepted.
	 */
	private DataSize maxSize = DataSize.ofKilobytes(64);

	/**
	 * Whether to fetch the JWK set in the background at startup, so the first requests find
	 * the keys cached. Startup never waits for it.
	 */
	private boolean warmUp = true;

	private boolean refreshAheadSet;

	private boolean minRefreshIntervalSet;

	private boolean outageToleranceSet;

	public boolean isWarmUp() {
		return this.warmUp;
	}

	public void setWarmUp(boolean warmUp) {
		this.warmUp = warmUp;
	}

	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	// Defaults an operator never set follow a short cache TTL, so that shortening only
	// warden.jwks.cache-ttl (say to 5s) cannot fail on values the operator did not choose.

	public Duration getRefreshAhead() {
		if (this.refreshAheadSet || this.cacheTtl == null || this.connectTimeout == null || this.readTimeout == null) {
			return this.refreshAhead;
		}
		Duration room = this.cacheTtl.minus(this.connectTimeout).minus(this.readTimeout);
		return room.isNegative() ? Duration.ZERO : min(this.refreshAhead, room);
	}

	public void setRefreshAhead(Duration refreshAhead) {
		this.refreshAhead = refreshAhead;
		this.refreshAheadSet = true;
	}

	public Duration getMinRefreshInterval() {
		if (this.minRefreshIntervalSet || this.cacheTtl == null) {
			return this.minRefreshInterval;
		}
		return min(this.minRefreshInterval, this.cacheTtl.dividedBy(2));
	}

	public void setMinRefreshInterval(Duration minRefreshInterval) {
		this.minRefreshInterval = minRefreshInterval;
		this.minRefreshIntervalSet = true;
	}

	public Duration getOutageTolerance() {
		if (this.outageToleranceSet || this.cacheTtl == null || this.outageTolerance.compareTo(this.cacheTtl) >= 0) {
			return this.outageTolerance;
		}
		return this.cacheTtl;
	}

	public void setOutageTolerance(Duration outageTolerance) {
		this.outageTolerance = outageTolerance;
		this.outageToleranceSet = true;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

}
