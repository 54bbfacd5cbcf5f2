package dev.warden.internal.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.warden.introspection.IntrospectionListener.Outcome;
import dev.warden.jwt.TokenRejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** One trusted issuer's meters, all registered at once, each tagged with the issuer's configured name. */
final class IssuerMeters {

	final Timer acceptedFresh;

	final Timer acceptedCached;

	final Map<TokenRejection, Timer> rejected = new EnumMap<>(TokenRejection.class);

	final Timer jwksUnavailable;

	final Timer introspectionUnavailable;

	final Counter jwksSuccess;

	final Counter jwksFailure;

	final Counter jwksRateLimited;

	final Map<Outcome, Timer> introspectionCalls = new EnumMap<>(Outcome.class);

	final Counter introspectionHits;

	final Counter introspectionMisses;

	final DistributionSummary driftPositive;

	final DistributionSummary driftNegative;

	final AtomicReference<Double> lastDrift = new AtomicReference<>(Double.NaN);

	IssuerMeters(MeterRegistry registry, String issuer) {
		this.acceptedFresh = validations(registry, issuer, "accepted", "miss");
		this.acceptedCached = validations(registry, issuer, "accepted", "hit");
		for (TokenRejection reason : TokenRejection.values()) {
			this.rejected.put(reason, validations(registry, issuer, reason.tag(), "none"));
		}
		this.jwksUnavailable = validations(registry, issuer, "jwks_unavailable", "none");
		this.introspectionUnavailable = validations(registry, issuer, WardenMetrics.INTROSPECTION_UNAVAILABLE, "none");
		this.jwksSuccess = jwksFetches(registry, issuer, "success");
		this.jwksFailure = jwksFetches(registry, issuer, "failure");
		this.jwksRateLimited = jwksFetches(registry, issuer, "rate_limited");
		for (Outcome outcome : Outcome.values()) {
			this.introspectionCalls.put(outcome, Timer.builder("warden.introspection.calls")
				.description("Calls to the introspection endpoint")
				.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
				.tag("issuer", issuer)
				.register(registry));
		}
		this.introspectionHits = introspectionCache(registry, issuer, "hit");
		this.introspectionMisses = introspectionCache(registry, issuer, "miss");
		this.driftPositive = drift(registry, issuer, "positive");
		this.driftNegative = drift(registry, issuer, "negative");
		Gauge.builder("warden.token.clock.drift.last", this.lastDrift, AtomicReference::get)
			.description("now - iat of the most recently validated token, in seconds; negative when the issuer's "
					+ "clock is ahead")
			.baseUnit("seconds")
			.tag("issuer", issuer)
			.register(registry);
	}

	private static Timer validations(MeterRegistry registry, String issuer, String outcome, String cache) {
		return Timer.builder("warden.token.validations")
			.description("Bearer tokens validated, by outcome")
			.tag("outcome", outcome)
			.tag("cache", cache)
			.tag("issuer", issuer)
			.register(registry);
	}

	private static Counter jwksFetches(MeterRegistry registry, String issuer, String result) {
		return Counter.builder("warden.jwks.fetches")
			.description("Fetches of the issuer's JWK set, by result")
			.tag("result", result)
			.tag("issuer", issuer)
			.register(registry);
	}

	private static Counter introspectionCache(MeterRegistry registry, String issuer, String result) {
		return Counter.builder("warden.introspection.cache.requests")
			.description("Lookups in the introspection cache")
			.tag("result", result)
			.tag("issuer", issuer)
			.register(registry);
	}

	private static DistributionSummary drift(MeterRegistry registry, String issuer, String sign) {
		return DistributionSummary.builder("warden.token.clock.drift")
			.description("|now - iat| of newly validated tokens, in seconds; sign=negative when iat lies ahead of "
					+ "this instance's clock")
			.baseUnit("seconds")
			.tag("sign", sign)
			.tag("issuer", issuer)
			.register(registry);
	}

}
