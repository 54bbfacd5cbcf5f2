package dev.warden.internal.introspection;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import dev.warden.introspection.ClientAuthentication;
import dev.warden.introspection.FailurePolicy;

/**
 * How tokens are introspected.
 *
 * @param uri the introspection endpoint, or {@code null} to discover it from the issuer
 * @param clientId the client this service authenticates as
 * @param clientSecret its secret (never logged)
 * @param clientAuthentication how the client authenticates
 * @param cacheTtl how long an answer is reused (capped by the token's expiry)
 * @param maxEntries how many answers are cached at most
 * @param maxConcurrentCalls how many calls may be in flight at once; more fail fast
 * @param onFailure what a failed call means for the request
 * @param issuer the configured issuer: an answer naming another one is inactive
 * @param audiences the configured audiences: an answer naming none of them is inactive
 * @param clockSkew tolerance for the answer's {@code exp}
 * @param clock the clock
 */
public record IntrospectionSettings(URI uri, String clientId, String clientSecret,
		ClientAuthentication clientAuthentication, Duration cacheTtl, long maxEntries, int maxConcurrentCalls,
		FailurePolicy onFailure, String issuer, Set<String> audiences, Duration clockSkew, Clock clock) {

	@Override
	public String toString() {
		return "IntrospectionSettings[uri=" + this.uri + ", clientId=" + this.clientId + ", clientSecret=******]";
	}

}
