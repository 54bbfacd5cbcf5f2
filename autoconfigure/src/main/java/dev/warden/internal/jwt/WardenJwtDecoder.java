package dev.warden.internal.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.warden.jwt.DPoPListener;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.JwksUnavailableException;
import dev.warden.jwt.TokenRejection;
import dev.warden.jwt.TokenValidationListener;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * Warden's token pipeline. First what must hold before anything in the token can be trusted (size,
 * canonical compact JWS, accepted {@code alg}, no {@code crit}, the issuer's key and the signature:
 * {@link SignedJwtVerifier}); then every claim check as an {@link OAuth2TokenValidator}, in this
 * order:
 * <ol>
 * <li>{@code iss} is the configured issuer;</li>
 * <li>{@code aud} contains an accepted audience;</li>
 * <li>{@code cnf} is well formed;</li>
 * <li>{@code exp} (required), {@code nbf} and {@code iat} with the clock skew;</li>
 * <li>{@code acr} a string and {@code auth_time} a NumericDate not in the future, when present (the
 * claims step-up authentication reads);</li>
 * <li>{@code typ} ({@code at+jwt} accepted; required in strict RFC 9068 mode, with RFC 9068's
 * claims);</li>
 * <li>sender constraints: certificate binding ({@code cnf.x5t#S256}, RFC 8705), then DPoP binding
 * and proof ({@code cnf.jkt}, RFC 9449), see {@link SenderConstraints};</li>
 * <li>Spring Security's default validators ({@link JwtValidators#createDefaultWithValidators}), so
 * a check Spring Security adds upstream runs here too;</li>
 * <li>the application's own validators.</li>
 * </ol>
 * A verified-token cache, when given, wraps this: a token seen before skips parsing, the signature
 * and the checks that depend on nothing but the token; the checks that depend on the time or the
 * request (4, 6–9) run on every request.
 * <p>
 * Refusals are {@link InvalidTokenException}s (401) whose descriptions never contain token text;
 * a key set that cannot be fetched while nothing usable is cached is a
 * {@link JwksUnavailableException} (503).
 */
public final class WardenJwtDecoder implements JwtDecoder {

	private final SignedJwtVerifier verifier;

	private final ValidatorStages stages;

	/** The name of the issuer configured by {@code warden.issuer} (and the only one by default). */
	public static final String DEFAULT_ISSUER = "default";

	private final String name;

	private final String issuer;

	private final VerifiedTokenCache cache;

	private final JWKSource<SecurityContext> keys;

	private final TokenValidationListener listener;

	private WardenJwtDecoder(Builder builder) {
		TimestampValidator times = new TimestampValidator(builder.clockSkew, builder.clock);
		this.verifier = new SignedJwtVerifier(builder.algorithms, builder.maxTokenLength, builder.keys,
				builder.jwksStatus, times);
		this.stages = ValidatorStages.of(builder.issuer, builder.audiences, builder.strictRfc9068, builder.clockSkew,
				builder.clock, times, builder.senderConstraints, builder.validators);
		this.name = builder.name;
		this.keys = builder.keys;
		this.issuer = builder.issuer;
		this.cache = builder.cache;
		this.listener = builder.listener;
		if (this.cache != null) {
			builder.jwksStatus.onKeysChanged((fingerprints) -> this.cache.retainKeys(this.name, fingerprints));
		}
	}

	/**
	 * Creates a decoder without a verified-token cache.
	 * @param settings what tokens must satisfy
	 * @param keys the issuer's keys
	 * @param jwksStatus the key set's status, to tell an unknown key from an outage
	 */
	public WardenJwtDecoder(TokenValidationSettings settings, JWKSource<SecurityContext> keys, JwksStatus jwksStatus) {
		this(settings, keys, jwksStatus, null, TokenValidationListener.NONE);
	}

	/**
	 * Creates a decoder.
	 * @param settings what tokens must satisfy
	 * @param keys the issuer's keys
	 * @param jwksStatus the key set's status, to tell an unknown key from an outage
	 * @param cache the verified-token cache, or {@code null} to verify every token fully
	 * @param listener told about each validation
	 */
	public WardenJwtDecoder(TokenValidationSettings settings, JWKSource<SecurityContext> keys, JwksStatus jwksStatus,
			VerifiedTokenCache cache, TokenValidationListener listener) {
		this(builder(settings.issuer(), keys, jwksStatus).settings(settings).cache(cache).listener(listener));
	}

	/**
	 * Starts a pipeline for tokens of one issuer.
	 * @param issuer the exact {@code iss} accepted
	 * @param keys the issuer's keys (see {@link JwkSources})
	 * @param jwksStatus the key set's status
	 * @return the builder
	 */
	public static Builder builder(String issuer, JWKSource<SecurityContext> keys, JwksStatus jwksStatus) {
		return new Builder(issuer, keys, jwksStatus);
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		long start = System.nanoTime();
		VerifiedTokenCache.Key key = null;
		VerifiedTokenCache.Entry entry = null;
		if (this.cache != null && token != null && !token.isEmpty() && token.length() <= this.verifier.maxTokenLength()) {
			key = VerifiedTokenCache.key(token);
			entry = this.cache.get(key);
		}
		return decode(token, key, entry, start);
	}

	/**
	 * Decodes a token whose cache entry was already looked up (by the issuer router, which looks
	 * the cache up before it reads anything from the token).
	 * @param token the token
	 * @param key its cache key, or {@code null} without a cache
	 * @param entry its cache entry, or {@code null}
	 * @param start when the decoding started ({@link System#nanoTime()})
	 * @return the token
	 */
	Jwt decode(String token, VerifiedTokenCache.Key key, VerifiedTokenCache.Entry entry, long start) {
		try {
			if (entry != null && this.name.equals(entry.issuer())) {
				if (this.verifier.stillPublished(entry.keyFingerprint())) {
					Jwt jwt = entry.jwt();
					validateCached(jwt, key);
					this.listener.accepted(this.name, jwt, true, System.nanoTime() - start);
					return jwt;
				}
				this.cache.invalidate(key);
			}
			SignedJwtVerifier.Verified verified = this.verifier.verify(token);
			Jwt jwt = verified.jwt();
			this.stages.validate(jwt, false);
			if (key != null) {
				this.cache.put(key, new VerifiedTokenCache.Entry(jwt, verified.keyFingerprint(), this.name));
			}
			this.listener.accepted(this.name, jwt, false, System.nanoTime() - start);
			return jwt;
		}
		catch (InvalidTokenException ex) {
			this.listener.rejected(this.name, ex.reason(), System.nanoTime() - start);
			throw ex;
		}
		catch (JwksUnavailableException ex) {
			this.listener.keysUnavailable(this.name, System.nanoTime() - start);
			throw ex;
		}
	}

	/**
	 * The configured name of this pipeline's issuer.
	 * @return the name, {@code default} unless named
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The exact {@code iss} this pipeline accepts.
	 * @return the issuer
	 */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * Fetches the issuer's keys now (a warm-up at startup).
	 * @return how many keys the issuer publishes
	 * @throws com.nimbusds.jose.KeySourceException when they cannot be fetched
	 */
	public int warmUp() throws com.nimbusds.jose.KeySourceException {
		return this.keys.get(new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder().build()), null)
			.size();
	}

	int maxTokenLength() {
		return this.verifier.maxTokenLength();
	}

	VerifiedTokenCache cache() {
		return this.cache;
	}

	TokenValidationListener listener() {
		return this.listener;
	}

	private void validateCached(Jwt jwt, VerifiedTokenCache.Key key) {
		try {
			this.stages.validate(jwt, true);
		}
		catch (InvalidTokenException ex) {
			if (ex.reason() == TokenRejection.EXPIRED) {
				this.cache.invalidate(key);
			}
			throw ex;
		}
	}

	/** Assembles a {@link WardenJwtDecoder}; the one place where the pipeline's parts come together. */
	public static final class Builder {

		private final String issuer;

		private String name = DEFAULT_ISSUER;

		private final JWKSource<SecurityContext> keys;

		private final JwksStatus jwksStatus;

		private Set<String> audiences = Set.of();

		private Duration clockSkew = Duration.ofSeconds(60);

		private Set<JWSAlgorithm> algorithms = TokenValidationSettings.DEFAULT_ALGORITHMS;

		private boolean strictRfc9068;

		private int maxTokenLength = 6 * 1024;

		private Clock clock = Clock.systemUTC();

		private VerifiedTokenCache cache;

		private TokenValidationListener listener = TokenValidationListener.NONE;

		private SenderConstraints senderConstraints = SenderConstraints.of(DPoPSettings.disabled(), DPoPListener.NONE);

		private final List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();

		private Builder(String issuer, JWKSource<SecurityContext> keys, JwksStatus jwksStatus) {
			this.issuer = issuer;
			this.keys = keys;
			this.jwksStatus = jwksStatus;
		}

		/**
		 * Takes audiences, skew, algorithms, RFC 9068 mode, size limit and clock from settings.
		 * @param settings the settings
		 * @return this builder
		 */
		public Builder settings(TokenValidationSettings settings) {
			this.audiences = Set.copyOf(settings.audiences());
			this.clockSkew = settings.clockSkew();
			this.algorithms = Set.copyOf(settings.algorithms());
			this.strictRfc9068 = settings.strictRfc9068();
			this.maxTokenLength = settings.maxTokenLength();
			this.clock = settings.clock();
			return this;
		}

		/**
		 * Names the issuer (for meters, health and audit lines, and the cache entries it owns).
		 * @param name the configured name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the audiences accepted ({@code aud} must contain one; empty accepts any).
		 * @param audiences the audiences
		 * @return this builder
		 */
		public Builder audiences(Collection<String> audiences) {
			this.audiences = Set.copyOf(audiences);
			return this;
		}

		/**
		 * Sets the clock skew applied to the time claims.
		 * @param clockSkew the skew
		 * @return this builder
		 */
		public Builder clockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
			return this;
		}

		/**
		 * Sets the clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Sets the verified-token cache.
		 * @param cache the cache, or {@code null} to verify every token fully
		 * @return this builder
		 */
		public Builder cache(VerifiedTokenCache cache) {
			this.cache = cache;
			return this;
		}

		/**
		 * Sets the listener told about each validation.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(TokenValidationListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * Sets the sender-constraint checks (DPoP off unless they turn it on).
		 * @param senderConstraints the checks
		 * @return this builder
		 */
		public Builder senderConstraints(SenderConstraints senderConstraints) {
			this.senderConstraints = senderConstraints;
			return this;
		}

		/**
		 * Adds validators of the application, run after Warden's on every request.
		 * @param validators the validators
		 * @return this builder
		 */
		public Builder validators(Collection<? extends OAuth2TokenValidator<Jwt>> validators) {
			this.validators.addAll(validators);
			return this;
		}

		/**
		 * Builds the decoder.
		 * @return the decoder
		 */
		public WardenJwtDecoder build() {
			return new WardenJwtDecoder(this);
		}

	}

}
