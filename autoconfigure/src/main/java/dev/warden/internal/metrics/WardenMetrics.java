package dev.warden.internal.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.warden.internal.jwt.JwksStatus;
import dev.warden.introspection.IntrospectionListener;
import dev.warden.jwt.DPoPListener;
import dev.warden.jwt.JwksListener;
import dev.warden.jwt.TokenRejection;
import dev.warden.jwt.TokenValidationListener;
import dev.warden.scope.AuthorizationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Warden's meters. Every meter whose tags are known in advance is registered once, here; the
 * request path only increments. Tags are low-cardinality: never the token, {@code sub} or
 * {@code client_id}.
 * <ul>
 * <li>{@code warden.token.validations} (timer; {@code outcome}, {@code cache})</li>
 * <li>{@code warden.authorization.decisions} (counter; {@code outcome}, {@code route})</li>
 * <li>{@code warden.jwks.fetches} (counter; {@code result}), {@code warden.jwks.keys},
 * {@code warden.jwks.age} (gauges)</li>
 * <li>{@code warden.introspection.calls} (timer; {@code outcome}),
 * {@code warden.introspection.cache.requests} (counter; {@code result}),
 * {@code warden.introspection.cache.size} (gauge)</li>
 * <li>{@code warden.dpop.proofs} (timer; {@code outcome})</li>
 * <li>{@code warden.token.clock.drift} (summary of |now − iat| in seconds; {@code sign}) and
 * {@code warden.token.clock.drift.last} (gauge, signed)</li>
 * </ul>
 */
public final class WardenMetrics implements TokenValidationListener, JwksListener, IntrospectionListener,
		AuthorizationListener, DPoPListener {

	/** Every outcome of a DPoP proof check (see {@link DPoPListener#proofChecked}). */
	static final List<String> PROOF_OUTCOMES = List.of("accepted", "missing", "malformed", "invalid_type",
			"invalid_algorithm", "invalid_key", "invalid_signature", "wrong_method", "wrong_uri", "stale",
			"nonce_required", "wrong_ath", "wrong_key", "replayed");

	private final Map<String, Timer> proofs = new HashMap<>();

	/** Outcome tag of a live check that failed for want of an answer. */
	public static final String INTROSPECTION_UNAVAILABLE = "introspection_unavailable";

	private final MeterRegistry registry;

	private final Clock clock;

	private final Timer acceptedFresh;

	private final Timer acceptedCached;

	private final Map<TokenRejection, Timer> rejected = new EnumMap<>(TokenRejection.class);

	private final Timer jwksUnavailable;

	private final Timer introspectionUnavailable;

	private final Counter jwksSuccess;

	private final Counter jwksFailure;

	private final Counter jwksRateLimited;

	private final Map<Outcome, Timer> introspectionCalls = new EnumMap<>(Outcome.class);

	private final Counter introspectionHits;

	private final Counter introspectionMisses;

	private final DistributionSummary driftPositive;

	private final DistributionSummary driftNegative;

	private final AtomicReference<Double> lastDrift = new AtomicReference<>(Double.NaN);

	private static final String[] DECISIONS = { "granted", "insufficient_scope", "undeclared", "step_up_required" };

	/** Per route, one counter per decision outcome, registered on the route's first request. */
	private final Map<String, Counter[]> decisions = new ConcurrentHashMap<>();

	/**
	 * Registers the meters.
	 * @param registry the registry
	 * @param clock the clock (for drift)
	 */
	public WardenMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
		this.acceptedFresh = validations("accepted", "miss");
		this.acceptedCached = validations("accepted", "hit");
		for (TokenRejection reason : TokenRejection.values()) {
			this.rejected.put(reason, validations(reason.tag(), "none"));
		}
		this.jwksUnavailable = validations("jwks_unavailable", "none");
		this.introspectionUnavailable = validations(INTROSPECTION_UNAVAILABLE, "none");
		this.jwksSuccess = jwksFetches("success");
		this.jwksFailure = jwksFetches("failure");
		this.jwksRateLimited = jwksFetches("rate_limited");
		for (Outcome outcome : Outcome.values()) {
			this.introspectionCalls.put(outcome, Timer.builder("warden.introspection.calls")
				.description("Calls to the introspection endpoint")
				.tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
				.register(registry));
		}
		for (String outcome : PROOF_OUTCOMES) {
			this.proofs.put(outcome, Timer.builder("warden.dpop.proofs")
				.description("DPoP proofs checked, by outcome")
				.tag("outcome", outcome)
				.register(registry));
		}
		this.introspectionHits = introspectionCache("hit");
		this.introspectionMisses = introspectionCache("miss");
		this.driftPositive = drift("positive");
		this.driftNegative = drift("negative");
		Gauge.builder("warden.token.clock.drift.last", this.lastDrift, AtomicReference::get)
			.description("now - iat of the most recently validated token, in seconds; negative when the issuer's "
					+ "clock is ahead")
			.baseUnit("seconds")
			.register(registry);
	}

	@Override
	public void proofChecked(String outcome, long nanos) {
		Timer timer = this.proofs.get(outcome);
		if (timer != null) {
			timer.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	private Timer validations(String outcome, String cache) {
		return Timer.builder("warden.token.validations")
			.description("Bearer tokens validated, by outcome")
			.tag("outcome", outcome)
			.tag("cache", cache)
			.register(this.registry);
	}

	private Counter jwksFetches(String result) {
		return Counter.builder("warden.jwks.fetches")
			.description("Fetches of the issuer's JWK set, by result")
			.tag("result", result)
			.register(this.registry);
	}

	private Counter introspectionCache(String result) {
		return Counter.builder("warden.introspection.cache.requests")
			.description("Lookups in the introspection cache")
			.tag("result", result)
			.register(this.registry);
	}

	private DistributionSummary drift(String sign) {
		return DistributionSummary.builder("warden.token.clock.drift")
			.description("|now - iat| of newly validated tokens, in seconds; sign=negative when iat lies ahead of "
					+ "this instance's clock")
			.baseUnit("seconds")
			.tag("sign", sign)
			.register(this.registry);
	}

	/**
	 * Registers the JWKS gauges.
	 * @param status the key set's status
	 */
	public void bindJwks(JwksStatus status) {
		Gauge.builder("warden.jwks.keys", status, (s) -> s.snapshot().keyCount())
			.description("Usable keys in the last fetched JWK set")
			.register(this.registry);
		Gauge.builder("warden.jwks.age", status, this::ageSeconds)
			.description("Seconds since the JWK set was last fetched successfully")
			.baseUnit("seconds")
			.register(this.registry);
	}

	private double ageSeconds(JwksStatus status) {
		Instant lastSuccess = status.snapshot().lastSuccess();
		return (lastSuccess != null) ? Duration.between(lastSuccess, this.clock.instant()).toMillis() / 1000.0
				: Double.NaN;
	}

	/**
	 * Registers a size gauge for a cache.
	 * @param name the meter name
	 * @param description its description
	 * @param size where the size comes from
	 */
	public void bindSize(String name, String description, java.util.function.LongSupplier size) {
		Gauge.builder(name, size, (s) -> s.getAsLong()).description(description).register(this.registry);
	}

	@Override
	public void accepted(Jwt jwt, boolean cached, long nanos) {
		if (cached) {
			this.acceptedCached.record(nanos, TimeUnit.NANOSECONDS);
			return;
		}
		this.acceptedFresh.record(nanos, TimeUnit.NANOSECONDS);
		Instant issuedAt = jwt.getIssuedAt();
		if (issuedAt != null) {
			double drift = Duration.between(issuedAt, this.clock.instant()).toMillis() / 1000.0;
			this.lastDrift.set(drift);
			(drift >= 0 ? this.driftPositive : this.driftNegative).record(Math.abs(drift));
		}
	}

	@Override
	public void rejected(TokenRejection reason, long nanos) {
		this.rejected.get(reason).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void keysUnavailable(long nanos) {
		this.jwksUnavailable.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void revoked(long nanos) {
		this.rejected.get(TokenRejection.REVOKED).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void unavailable(long nanos) {
		this.introspectionUnavailable.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void fetched(int keys) {
		this.jwksSuccess.increment();
	}

	@Override
	public void fetchFailed() {
		this.jwksFailure.increment();
	}

	@Override
	public void rateLimited() {
		this.jwksRateLimited.increment();
	}

	@Override
	public void call(Outcome outcome, long nanos) {
		this.introspectionCalls.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void cacheHit() {
		this.introspectionHits.increment();
	}

	@Override
	public void cacheMiss() {
		this.introspectionMisses.increment();
	}

	@Override
	public void decided(String outcome, String route) {
		Counter[] counters = this.decisions.get(route);
		if (counters == null) {
			counters = this.decisions.computeIfAbsent(route, this::decisionCounters);
		}
		int index = switch (outcome) {
			case "granted" -> 0;
			case "insufficient_scope" -> 1;
			case "step_up_required" -> 3;
			default -> 2;
		};
		counters[index].increment();
	}

	private Counter[] decisionCounters(String route) {
		Counter[] counters = new Counter[DECISIONS.length];
		for (int i = 0; i < DECISIONS.length; i++) {
			counters[i] = Counter.builder("warden.authorization.decisions")
				.description("Authorization decisions on authenticated requests")
				.tag("outcome", DECISIONS[i])
				.tag("route", route)
				.register(this.registry);
		}
		return counters;
	}

}
