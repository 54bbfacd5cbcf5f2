package dev.warden.internal.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.warden.internal.jwt.JwksStatus;
import dev.warden.introspection.IntrospectionListener;
import dev.warden.jwt.DPoPListener;
import dev.warden.jwt.JwksListener;
import dev.warden.jwt.TokenRejection;
import dev.warden.jwt.TokenValidationListener;
import dev.warden.revocation.RevocationListener;
import dev.warden.scope.AuthorizationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Warden's meters. Every meter whose tags are known in advance is registered once, here; the
 * request path only increments. Tags are low-cardinality: never the token, {@code sub} or
 * {@code client_id}. Every meter about tokens, keys or live checks carries an {@code issuer} tag:
 * the trusted issuer's configured name ({@code default} for {@code warden.issuer}; {@code unknown}
 * for a token whose {@code iss} names no trusted issuer), never the raw {@code iss}.
 * <ul>
 * <li>{@code warden.token.validations} (timer; {@code outcome}, {@code cache}, {@code issuer})</li>
 * <li>{@code warden.authorization.decisions} (counter; {@code outcome}, {@code route})</li>
 * <li>{@code warden.jwks.fetches} (counter; {@code result}, {@code issuer}), {@code warden.jwks.keys},
 * {@code warden.jwks.age} (gauges; {@code issuer})</li>
 * <li>{@code warden.introspection.calls} (timer; {@code outcome}, {@code issuer}),
 * {@code warden.introspection.cache.requests} (counter; {@code result}, {@code issuer}),
 * {@code warden.introspection.cache.size} (gauge; {@code issuer})</li>
 * <li>{@code warden.dpop.proofs} (timer; {@code outcome})</li>
 * <li>{@code warden.revocation.pushes} (counter; {@code result}), {@code warden.revocation.events}
 * (counter; {@code type}, {@code outcome}), {@code warden.revocation.refusals} (counter),
 * {@code warden.revocation.entries} (gauge), {@code warden.shared.store.errors} (counter;
 * {@code operation}), {@code warden.shared.store.up} (gauge)</li>
 * <li>{@code warden.token.clock.drift} (summary of |now − iat| in seconds; {@code sign},
 * {@code issuer}) and {@code warden.token.clock.drift.last} (gauge, signed; {@code issuer})</li>
 * </ul>
 */
public final class WardenMetrics implements TokenValidationListener, JwksListener, IntrospectionListener,
		AuthorizationListener, DPoPListener, RevocationListener {

	/** Every outcome of a DPoP proof check (see {@link DPoPListener#proofChecked}). */
	static final List<String> PROOF_OUTCOMES = List.of("accepted", "missing", "malformed", "invalid_type",
			"invalid_algorithm", "invalid_key", "invalid_signature", "wrong_method", "wrong_uri", "stale",
			"nonce_required", "wrong_ath", "wrong_key", "replayed");

	/** Outcome tag of a live check that failed for want of an answer. */
	public static final String INTROSPECTION_UNAVAILABLE = "introspection_unavailable";

	/** The issuer tag of a token whose {@code iss} names no trusted issuer. */
	public static final String UNKNOWN_ISSUER = "unknown";

	/** The issuer tag of {@code warden.issuer}, and of calls that name no issuer. */
	public static final String DEFAULT_ISSUER = "default";

	private static final String[] DECISIONS = { "granted", "insufficient_scope", "undeclared", "step_up_required",
			"issuer_not_accepted" };

	private final Map<String, Timer> proofs = new HashMap<>();

	private final MeterRegistry registry;

	private final Clock clock;

	/**
	 * Per issuer name, its meters: the configured names are registered up front, so dashboards see
	 * them at zero; {@code unknown} too. Names come from configuration only, so the map is bounded.
	 */
	private final Map<String, IssuerMeters> issuers = new ConcurrentHashMap<>();

	/** Revocation counters by their tags; the tag values come from fixed vocabularies. */
	private final Map<String, Counter> revocationCounters = new ConcurrentHashMap<>();

	private final Counter refusals;

	/** Per route, one counter per decision outcome, registered on the route's first request. */
	private final Map<String, Counter[]> decisions = new ConcurrentHashMap<>();

	/**
	 * Registers the meters of the issuer named {@code default}.
	 * @param registry the registry
	 * @param clock the clock (for drift)
	 */
	public WardenMetrics(MeterRegistry registry, Clock clock) {
		this(registry, clock, List.of(DEFAULT_ISSUER));
	}

	/**
	 * Registers the meters of the trusted issuers.
	 * @param registry the registry
	 * @param clock the clock (for drift)
	 * @param issuerNames the configured names of the trusted issuers
	 */
	public WardenMetrics(MeterRegistry registry, Clock clock, Collection<String> issuerNames) {
		this.registry = registry;
		this.clock = clock;
		for (String name : issuerNames) {
			issuer(name);
		}
		issuer(UNKNOWN_ISSUER);
		this.refusals = Counter.builder("warden.revocation.refusals")
			.description("Tokens refused because a revocation entry matches them")
			.register(registry);
		for (String outcome : PROOF_OUTCOMES) {
			this.proofs.put(outcome, Timer.builder("warden.dpop.proofs")
				.description("DPoP proofs checked, by outcome")
				.tag("outcome", outcome)
				.register(registry));
		}
	}

	private IssuerMeters issuer(String name) {
		IssuerMeters meters = this.issuers.get((name != null) ? name : DEFAULT_ISSUER);
		return (meters != null) ? meters
				: this.issuers.computeIfAbsent((name != null) ? name : DEFAULT_ISSUER,
						(key) -> new IssuerMeters(this.registry, key));
	}

	@Override
	public void proofChecked(String outcome, long nanos) {
		Timer timer = this.proofs.get(outcome);
		if (timer != null) {
			timer.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Registers the JWKS gauges of the issuer named {@code default}.
	 * @param status the key set's status
	 */
	public void bindJwks(JwksStatus status) {
		bindJwks(DEFAULT_ISSUER, status);
	}

	/**
	 * Registers an issuer's JWKS gauges.
	 * @param issuer the issuer's configured name
	 * @param status its key set's status
	 */
	public void bindJwks(String issuer, JwksStatus status) {
		Gauge.builder("warden.jwks.keys", status, (s) -> s.snapshot().keyCount())
			.description("Usable keys in the last fetched JWK set")
			.tag("issuer", issuer)
			.register(this.registry);
		Gauge.builder("warden.jwks.age", status, this::ageSeconds)
			.description("Seconds since the JWK set was last fetched successfully")
			.baseUnit("seconds")
			.tag("issuer", issuer)
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
	 * @param tags the gauge's tags, as name/value pairs
	 */
	public void bindSize(String name, String description, LongSupplier size, String... tags) {
		Gauge.builder(name, size, (s) -> s.getAsLong()).description(description).tags(tags).register(this.registry);
	}

	@Override
	public void accepted(Jwt jwt, boolean cached, long nanos) {
		accepted(DEFAULT_ISSUER, jwt, cached, nanos);
	}

	@Override
	public void accepted(String issuer, Jwt jwt, boolean cached, long nanos) {
		IssuerMeters meters = issuer(issuer);
		if (cached) {
			meters.acceptedCached.record(nanos, TimeUnit.NANOSECONDS);
			return;
		}
		meters.acceptedFresh.record(nanos, TimeUnit.NANOSECONDS);
		Instant issuedAt = jwt.getIssuedAt();
		if (issuedAt != null) {
			double drift = Duration.between(issuedAt, this.clock.instant()).toMillis() / 1000.0;
			meters.lastDrift.set(drift);
			(drift >= 0 ? meters.driftPositive : meters.driftNegative).record(Math.abs(drift));
		}
	}

	@Override
	public void rejected(TokenRejection reason, long nanos) {
		rejected(DEFAULT_ISSUER, reason, nanos);
	}

	@Override
	public void rejected(String issuer, TokenRejection reason, long nanos) {
		issuer(issuer).rejected.get(reason).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void keysUnavailable(long nanos) {
		keysUnavailable(DEFAULT_ISSUER, nanos);
	}

	@Override
	public void keysUnavailable(String issuer, long nanos) {
		issuer(issuer).jwksUnavailable.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void revoked(long nanos) {
		revoked(DEFAULT_ISSUER, nanos);
	}

	@Override
	public void revoked(String issuer, long nanos) {
		issuer(issuer).rejected.get(TokenRejection.REVOKED).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void unavailable(long nanos) {
		unavailable(DEFAULT_ISSUER, nanos);
	}

	@Override
	public void unavailable(String issuer, long nanos) {
		issuer(issuer).introspectionUnavailable.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void fetched(int keys) {
		fetched(DEFAULT_ISSUER, keys);
	}

	@Override
	public void fetched(String issuer, int keys) {
		issuer(issuer).jwksSuccess.increment();
	}

	@Override
	public void fetchFailed() {
		fetchFailed(DEFAULT_ISSUER);
	}

	@Override
	public void fetchFailed(String issuer) {
		issuer(issuer).jwksFailure.increment();
	}

	@Override
	public void rateLimited() {
		rateLimited(DEFAULT_ISSUER);
	}

	@Override
	public void rateLimited(String issuer) {
		issuer(issuer).jwksRateLimited.increment();
	}

	@Override
	public void call(Outcome outcome, long nanos) {
		call(DEFAULT_ISSUER, outcome, nanos);
	}

	@Override
	public void call(String issuer, Outcome outcome, long nanos) {
		issuer(issuer).introspectionCalls.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void cacheHit() {
		cacheHit(DEFAULT_ISSUER);
	}

	@Override
	public void cacheHit(String issuer) {
		issuer(issuer).introspectionHits.increment();
	}

	@Override
	public void cacheMiss() {
		cacheMiss(DEFAULT_ISSUER);
	}

	@Override
	public void cacheMiss(String issuer) {
		issuer(issuer).introspectionMisses.increment();
	}

	@Override
	public void pushed(String result) {
		revocationCounter("warden.revocation.pushes", "Pushed Security Event Tokens, by the answer given", "result",
				result, null, null).increment();
	}

	@Override
	public void event(String type, String outcome) {
		revocationCounter("warden.revocation.events", "Events of accepted Security Event Tokens and operators' "
				+ "revocations, by type and what was done", "type", type, "outcome", outcome).increment();
	}

	@Override
	public void refused() {
		this.refusals.increment();
	}

	@Override
	public void sharedStoreFailed(String operation) {
		revocationCounter("warden.shared.store.errors", "Operations on the shared store that failed; the instance "
				+ "went on with its local state", "operation", operation, null, null).increment();
	}

	private Counter revocationCounter(String name, String description, String tag, String value, String tag2,
			String value2) {
		String key = name + '|' + value + '|' + value2;
		Counter counter = this.revocationCounters.get(key);
		if (counter != null) {
			return counter;
		}
		return this.revocationCounters.computeIfAbsent(key, (k) -> {
			Counter.Builder builder = Counter.builder(name).description(description).tag(tag, value);
			if (tag2 != null) {
				builder.tag(tag2, value2);
			}
			return builder.register(this.registry);
		});
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
			case "issuer_not_accepted" -> 4;
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
