package dev.warden.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.warden.internal.jwt.HttpFetcher;
import dev.warden.internal.jwt.IssuerRoutingJwtDecoder;
import dev.warden.internal.jwt.JwkSources;
import dev.warden.internal.jwt.JwksSettings;
import dev.warden.internal.jwt.JwksStatus;
import dev.warden.internal.jwt.TokenValidationSettings;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.jwt.VerifiedTokenCache;
import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.internal.revocation.RevocationEntry;
import dev.warden.internal.revocation.Revocations;
import dev.warden.internal.revocation.RevokingJwtDecoder;
import dev.warden.jwt.TokenCacheAdmission;
import dev.warden.jwt.TokenValidationListener;
import dev.warden.revocation.RevocationListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Decoding one access token (parse, key lookup, signature, claims), per algorithm:
 * <ul>
 * <li>{@link #nimbusRaw} — the baseline: Nimbus's {@link DefaultJWTProcessor} with the key fixed in an
 * {@link ImmutableJWKSet} and a minimal claims verifier (exact {@code iss}, {@code aud},
 * {@code exp} required, Nimbus's default 60 s skew);</li>
 * <li>{@link #springNimbusJwtDecoder} — Spring Security's {@link NimbusJwtDecoder} as Spring Boot
 * builds it from {@code jwk-set-uri} + {@code issuer-uri} + {@code audiences} (JWKS fetched once
 * from a local endpoint, then cached);</li>
 * <li>{@link #wardenCold} — Warden's decoder as auto-configured (verified-token cache on, 10,000
 * entries, admission on second use), on a token it has not seen: every call is a cache miss, so it
 * pays the full pipeline plus hashing the token and noting it as seen once;</li>
 * <li>{@link #wardenColdNoCache} — the same with the cache disabled
 * ({@code warden.token-cache.enabled=false});</li>
 * <li>{@link #wardenRepeated} — Warden's decoder on one token again and again: cache hits.</li>
 * <li>{@link #wardenRepeatedTwoIssuers} — the same with two trusted issuers configured
 * ({@code warden.issuer} and {@code warden.issuers.partner.*}): the issuer router in front, which
 * finds the token's issuer from its cache entry.</li>
 * <li>{@link #wardenRepeatedRevocationsOn} — {@link #wardenRepeated} with the revocation check in
 * front, as Warden's chain applies it, over a list of 10,000 revocations of other subjects (shared
 * state on Redis changes nothing here: the check is a local lookup).</li>
 * </ul>
 * The cold benchmarks cycle through {@code ring} distinct pre-minted tokens. For
 * {@link #wardenCold} no token repeats before the cache is emptied: the cache (and its record of
 * tokens seen once) is emptied each time the ring starts over (once per {@code ring} calls, counted
 * in the measured time).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenDecodeBenchmark {

	/** The token's signing algorithm. */
	@Param({ "RS256", "ES256" })
	public String alg;

	/** How many distinct tokens the cold benchmarks cycle through. */
	@Param({ "20000" })
	public int ring;

	/** Told about every Warden validation; tests count hits and misses with it. */
	TokenValidationListener listener = TokenValidationListener.NONE;

	private String[] tokens;

	private int next;

	private String reused;

	private JwksServer jwks;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private DefaultJWTProcessor<SecurityContext> nimbus;

	private NimbusJwtDecoder spring;

	private VerifiedTokenCache coldCache;

	private WardenJwtDecoder wardenCold;

	private WardenJwtDecoder wardenNoCache;

	private WardenJwtDecoder wardenRepeated;

	private IssuerRoutingJwtDecoder wardenTwoIssuers;

	private RevokingJwtDecoder wardenRevocations;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		TokenFixtures fixtures = TokenFixtures.load(TokenFixtures.defaultDirectory(), this.alg, this.ring);
		this.tokens = fixtures.distinct().toArray(String[]::new);
		this.reused = fixtures.reused();
		this.next = 0;
		this.jwks = new JwksServer(0, fixtures.jwksJson());
		JWSAlgorithm algorithm = TokenFixtures.algorithm(this.alg);

		this.nimbus = new DefaultJWTProcessor<>();
		this.nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm,
				new ImmutableJWKSet<>(new JWKSet(fixtures.publicKey()))));
		this.nimbus.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(TokenFixtures.AUDIENCE),
				new JWTClaimsSet.Builder().issuer(TokenFixtures.ISSUER).build(), Set.of("exp"), null));

		this.spring = springBootDecoder(this.jwks.jwksUri(), this.alg);

		this.coldCache = new VerifiedTokenCache(10_000, Duration.ofSeconds(60), Clock.systemUTC(),
				TokenCacheAdmission.SECOND_USE);
		this.wardenCold = warden(this.jwks.jwksUri(), this.coldCache, this.listener, this.resources);
		this.wardenNoCache = warden(this.jwks.jwksUri(), null, this.listener, this.resources);
		this.wardenRepeated = warden(this.jwks.jwksUri(), new VerifiedTokenCache(10_000, Duration.ofSeconds(60),
				Clock.systemUTC(), TokenCacheAdmission.SECOND_USE), this.listener, this.resources);
		this.wardenRevocations = new RevokingJwtDecoder(this.wardenRepeated, revocations(10_000));
		this.wardenTwoIssuers = twoIssuers(this.jwks.jwksUri(), new VerifiedTokenCache(10_000, Duration.ofSeconds(60),
				Clock.systemUTC(), TokenCacheAdmission.SECOND_USE), this.listener, this.resources);

		// fetch the keys once (as Warden's warm-up does) and fail fast on a misconfiguration
		String probe = this.tokens[this.tokens.length - 1];
		this.nimbus.process(probe, null);
		this.spring.decode(probe);
		this.wardenNoCache.decode(probe);
		this.wardenCold.decode(probe);
		// admission on second sight: a token is cached from its second use
		for (int i = 0; i < 2; i++) {
			this.wardenRepeated.decode(this.reused);
			this.wardenTwoIssuers.decode(this.reused);
		}
		this.wardenRevocations.decode(this.reused);
		this.coldCache.clear();
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.resources.clear();
		if (this.jwks != null) {
			this.jwks.close();
		}
	}

	/**
	 * What Spring Boot's {@code OAuth2ResourceServerJwtConfiguration} builds from
	 * {@code jwk-set-uri}, {@code jws-algorithms}, {@code issuer-uri} and {@code audiences}.
	 * @param jwksUri the JWKS
	 * @param alg the accepted algorithm
	 * @return the decoder
	 */
	static NimbusJwtDecoder springBootDecoder(URI jwksUri, String alg) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri.toString())
			.jwsAlgorithms((algorithms) -> algorithms.add(SignatureAlgorithm.from(alg)))
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(TokenFixtures.ISSUER),
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						(aud) -> aud != null && aud.contains(TokenFixtures.AUDIENCE))));
		return decoder;
	}

	/**
	 * Warden's decoder as {@code WardenJwtAutoConfiguration} builds it with the default properties
	 * ({@code warden.jwks.*} defaults, 60 s clock skew, every RSA/RSA-PSS/ECDSA algorithm, 6 KB
	 * token limit), on a configured {@code jwks-uri}.
	 * @param jwksUri the JWKS
	 * @param cache the verified-token cache, or {@code null}
	 * @param listener the validation listener
	 * @param resources where the key source is added, to be closed after the trial
	 * @return the decoder
	 */
	static WardenJwtDecoder warden(URI jwksUri, VerifiedTokenCache cache, TokenValidationListener listener,
			List<AutoCloseable> resources) {
		Duration cacheTtl = Duration.ofMinutes(5);
		Duration refreshAhead = Duration.ofSeconds(30);
		Duration outageTolerance = Duration.ofHours(1);
		JwksSettings settings = new JwksSettings(cacheTtl, refreshAhead, Duration.ofSeconds(30), outageTolerance,
				Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024);
		JwksStatus status = new JwksStatus(Clock.systemUTC(), cacheTtl, refreshAhead, outageTolerance);
		HttpFetcher fetcher = new HttpFetcher(settings.connectTimeout(), settings.readTimeout(), settings.maxSizeBytes(),
				null);
		JWKSource<SecurityContext> keys = JwkSources.build(jwksUri, null, fetcher, settings, status);
		if (keys instanceof AutoCloseable closeable) {
			resources.add(closeable);
		}
		TokenValidationSettings validation = new TokenValidationSettings(TokenFixtures.ISSUER,
				Set.of(TokenFixtures.AUDIENCE), Duration.ofSeconds(60),
				new LinkedHashSet<>(TokenValidationSettings.DEFAULT_ALGORITHMS), false, 6 * 1024, Clock.systemUTC());
		return new WardenJwtDecoder(validation, keys, status, cache, listener);
	}

	/**
	 * Two trusted issuers as {@code WardenJwtAutoConfiguration} builds them: the benchmark's issuer
	 * ({@code default}) and a partner with its own key source, sharing one verified-token cache,
	 * behind the issuer router.
	 * @param jwksUri the JWKS of both (each fetches it on its own)
	 * @param cache the shared verified-token cache
	 * @param listener the validation listener
	 * @param resources where the key sources are added, to be closed after the trial
	 * @return the router
	 */
	static IssuerRoutingJwtDecoder twoIssuers(URI jwksUri, VerifiedTokenCache cache, TokenValidationListener listener,
			List<AutoCloseable> resources) {
		List<TrustedIssuers.Issuer> issuers = new ArrayList<>();
		for (String[] issuer : new String[][] { { "default", TokenFixtures.ISSUER },
				{ "partner", "https://partner.example.com" } }) {
			Duration cacheTtl = Duration.ofMinutes(5);
			Duration refreshAhead = Duration.ofSeconds(30);
			Duration outageTolerance = Duration.ofHours(1);
			JwksSettings settings = new JwksSettings(cacheTtl, refreshAhead, Duration.ofSeconds(30), outageTolerance,
					Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024);
			JwksStatus status = new JwksStatus(Clock.systemUTC(), cacheTtl, refreshAhead, outageTolerance);
			HttpFetcher fetcher = new HttpFetcher(settings.connectTimeout(), settings.readTimeout(),
					settings.maxSizeBytes(), null);
			JWKSource<SecurityContext> keys = JwkSources.build(jwksUri, null, fetcher, settings, status);
			if (keys instanceof AutoCloseable closeable) {
				resources.add(closeable);
			}
			TokenValidationSettings validation = new TokenValidationSettings(issuer[1], Set.of(TokenFixtures.AUDIENCE),
					Duration.ofSeconds(60), new LinkedHashSet<>(TokenValidationSettings.DEFAULT_ALGORITHMS), false,
					6 * 1024, Clock.systemUTC());
			WardenJwtDecoder decoder = WardenJwtDecoder.builder(issuer[1], keys, status)
				.name(issuer[0])
				.settings(validation)
				.cache(cache)
				.listener(listener)
				.build();
			issuers.add(new TrustedIssuers.Issuer(issuer[0], issuer[1], status, null, decoder, keys));
		}
		return new IssuerRoutingJwtDecoder(new TrustedIssuers(issuers));
	}

	/**
	 * A revocation list with entries for other subjects of the benchmark's issuer: what the check
	 * costs when the list is not empty.
	 * @param count how many entries
	 * @return the list
	 */
	static Revocations revocations(int count) {
		Revocations revocations = new Revocations(count, Clock.systemUTC(), RevocationListener.NONE);
		java.time.Instant now = java.time.Instant.now();
		for (int i = 0; i < count; i++) {
			revocations.record(new RevocationEntry(RevocationEntry.Kind.SUBJECT, TokenFixtures.ISSUER, "revoked-" + i,
					null, null, null, now, now.plus(Duration.ofHours(1)), "session_revoked"));
		}
		return revocations;
	}

	/**
	 * How often the local JWKS was fetched (once per decoder: keys are cached).
	 * @return the count
	 */
	long jwksFetches() {
		return this.jwks.fetches();
	}

	private String nextToken() {
		String token = this.tokens[this.next];
		if (++this.next == this.tokens.length) {
			this.next = 0;
		}
		return token;
	}

	@Benchmark
	public JWTClaimsSet nimbusRaw() throws Exception {
		return this.nimbus.process(nextToken(), null);
	}

	@Benchmark
	public Jwt springNimbusJwtDecoder() {
		return this.spring.decode(nextToken());
	}

	@Benchmark
	public Jwt wardenCold() {
		if (this.next == 0) {
			// the ring starts over: forget every token, so that each is new again (never a hit)
			this.coldCache.clear();
		}
		return this.wardenCold.decode(nextToken());
	}

	@Benchmark
	public Jwt wardenColdNoCache() {
		return this.wardenNoCache.decode(nextToken());
	}

	@Benchmark
	public Jwt wardenRepeated() {
		return this.wardenRepeated.decode(this.reused);
	}

	@Benchmark
	public Jwt wardenRepeatedRevocationsOn() {
		return this.wardenRevocations.decode(this.reused);
	}

	@Benchmark
	public Jwt wardenRepeatedTwoIssuers() {
		return this.wardenTwoIssuers.decode(this.reused);
	}

}
