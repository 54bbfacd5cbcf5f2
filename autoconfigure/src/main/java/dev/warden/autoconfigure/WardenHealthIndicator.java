package dev.warden.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.internal.introspection.RevocationChecker;
import dev.warden.internal.introspection.TokenIntrospector;
import dev.warden.internal.jwt.JwksStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health contributor {@code warden}: tells stale keys from a dead issuer, from what Warden already
 * knows — no extra call per probe.
 * <ul>
 * <li>UNKNOWN: no JWKS fetch has completed yet (a fresh instance is not DOWN);</li>
 * <li>UP: keys fetched within the cache TTL;</li>
 * <li>DEGRADED: the JWKS endpoint fails and last-known keys are served (HTTP 200);</li>
 * <li>DOWN: a fetch failed and no usable keys are left.</li>
 * </ul>
 * Introspection's last outcome and latency are reported as details.
 */
class WardenHealthIndicator extends AbstractHealthIndicator {

	/** Serving last-known keys while the JWKS endpoint fails. */
	public static final Status DEGRADED = new Status("DEGRADED",
			"Serving last-known keys while the JWKS endpoint fails");

	private final JwksStatus jwks;

	private final RevocationChecker revocationChecker;

	private final String introspectionPrefix;

	WardenHealthIndicator(JwksStatus jwks, RevocationChecker revocationChecker) {
		this(jwks, revocationChecker, "warden.introspection");
	}

	/**
	 * Creates the indicator of one trusted issuer.
	 * @param jwks its key set's status
	 * @param revocationChecker its live check, or {@code null}
	 * @param introspectionPrefix where its introspection client is configured, named when the
	 * authorization server refuses the client's credentials
	 */
	WardenHealthIndicator(JwksStatus jwks, RevocationChecker revocationChecker, String introspectionPrefix) {
		super("Warden health check failed");
		this.jwks = jwks;
		this.revocationChecker = revocationChecker;
		this.introspectionPrefix = introspectionPrefix;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		JwksStatus.Snapshot snapshot = this.jwks.snapshot();
		JwksStatus.State state = this.jwks.state();
		Map<String, Object> jwks = new LinkedHashMap<>();
		jwks.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
		jwks.put("keys", snapshot.keyCount());
		if (snapshot.lastSuccess() != null) {
			jwks.put("lastSuccess", snapshot.lastSuccess().toString());
			jwks.put("keyAgeSeconds", Duration.between(snapshot.lastSuccess(), Instant.now()).toSeconds());
		}
		if (snapshot.lastFailure() != null) {
			jwks.put("lastFailure", snapshot.lastFailure().toString());
			jwks.put("lastFailureReason", snapshot.lastFailureReason());
		}
		switch (state) {
			case NOT_FETCHED -> builder.unknown().withDetail("reason", "The JWK set has not been fetched yet");
			case FRESH -> builder.up();
			case STALE -> builder.status(DEGRADED);
			case UNAVAILABLE -> builder.down();
		}
		builder.withDetail("jwks", jwks);
		if (this.revocationChecker != null) {
			Map<String, Object> introspection = new LinkedHashMap<>();
			TokenIntrospector.LastCall last = this.revocationChecker.lastCall();
			if (last != null) {
				introspection.put("lastOutcome", last.outcome());
				if ("client_rejected".equals(last.outcome())) {
					introspection.put("problem", "The introspection endpoint refuses this service's client credentials: "
							+ "check " + this.introspectionPrefix + ".client-id, client-secret and client-authentication");
					if (state == JwksStatus.State.FRESH) {
						builder.status(new Status(DEGRADED.getCode(), "Live checks fail: the introspection endpoint "
								+ "refuses this service's client credentials"));
					}
				}
				introspection.put("lastLatencyMs", Duration.ofNanos(last.nanos()).toMillis());
				introspection.put("lastCall", last.at().toString());
			}
			else {
				introspection.put("lastOutcome", "none yet");
			}
			introspection.put("allowedUnchecked", this.revocationChecker.allowedUncheckedCount());
			builder.withDetail("introspection", introspection);
		}
	}

}
