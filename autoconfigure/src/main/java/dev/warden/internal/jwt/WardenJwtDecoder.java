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

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
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

	private static final String REFUSED = "The access token is not accepted";

	private static final java.util.concurrent.atomic.AtomicLong LAST_VALIDATOR_WARNING = new java.util.concurrent.atomic.AtomicLong(
			System.nanoTime() - 60_000_000_000L);

	private static final org.apache.commons.logging.Log logger = org.apache.commons.logging.LogFactory
		.getLog(WardenJwtDecoder.class);

	private static final OAuth2TokenValidatorResult EMPTY_TYPE = OAuth2TokenValidatorResult
		.failure(new OAuth2Error("invalid_token", "typ is empty", null));

	private final SignedJwtVerifier verifier;

	private final List<Stage> stages;

	private final List<Stage> everyRequest;

	private final VerifiedTokenCache cache;

	private final TokenValidationListener listener;

	private WardenJwtDecoder(Builder builder) {
		TimestampValidator times = new TimestampValidator(builder.clockSkew, builder.clock);
		this.verifier = new SignedJwtVerifier(builder.algorithms, builder.maxTokenLength, builder.keys,
				builder.jwksStatus, times);
		this.stages = stages(builder, times);
		this.everyRequest = this.stages.stream().filter(Stage::everyRequest).toList();
		this.cache = builder.cache;
		this.listener = builder.listener;
		if (this.cache != null) {
			builder.jwksStatus.onKeysChanged(this.cache::retainKeys);
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

	private static List<Stage> stages(Builder builder, TimestampValidator times) {
		String issuer = builder.issuer;
		JwtTypeValidator types = builder.strictRfc9068 ? new JwtTypeValidator("at+jwt", "application/at+jwt")
				: new JwtTypeValidator("at+jwt", "application/at+jwt", "JWT");
		types.setAllowEmpty(!builder.strictRfc9068);
		List<Stage> stages = new ArrayList<>();
		stages.add(Stage.once(mapped(new JwtClaimValidator<>("iss", (iss) -> iss instanceof String text && text.equals(issuer)),
				TokenRejection.INVALID_ISSUER, "The token's issuer is not accepted")));
		stages.add(Stage.once(new AudienceValidator(builder.audiences)));
		stages.add(Stage.once(new ConfirmationValidator()));
		stages.add(Stage.always(times));
		stages.add(Stage.always(new AuthenticationContextValidator(builder.clockSkew, builder.clock)));
		// Spring's validator lets an empty or blank typ pass as absent; a typ that is there is not absent
		OAuth2TokenValidator<Jwt> typed = (jwt) -> (jwt.getHeaders().get("typ") instanceof String typ && typ.isBlank())
				? EMPTY_TYPE : types.validate(jwt);
		stages.add(Stage.once(mapped(typed, TokenRejection.MALFORMED, builder.strictRfc9068
				? "The token's type (typ) must be at+jwt" : "The token's type (typ) is not accepted")));
		if (builder.strictRfc9068) {
			stages.add(Stage.once(new Rfc9068ClaimsValidator()));
		}
		stages.add(Stage.always(new SenderConstraintValidator(builder.senderConstraints)));
		JwtTimestampValidator timestamps = new JwtTimestampValidator(builder.clockSkew);
		timestamps.setClock(builder.clock);
		stages.add(Stage.always(mapped(JwtValidators.createDefaultWithValidators(List.of(types, timestamps)),
				TokenRejection.REJECTED, REFUSED)));
		for (OAuth2TokenValidator<Jwt> validator : builder.validators) {
			stages.add(Stage.applications(validator));
		}
		return List.copyOf(stages);
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		long start = System.nanoTime();
		try {
			VerifiedTokenCache.Key key = null;
			if (this.cache != null && token != null && !token.isEmpty()
					&& token.length() <= this.verifier.maxTokenLength()) {
				key = VerifiedTokenCache.key(token);
				VerifiedTokenCache.Entry entry = this.cache.get(key);
				if (entry != null) {
					if (this.verifier.stillPublished(entry.keyFingerprint())) {
						Jwt jwt = entry.jwt();
						validate(this.everyRequest, jwt, key);
						this.listener.accepted(jwt, true, System.nanoTime() - start);
						return jwt;
					}
					this.cache.invalidate(key);
				}
			}
			SignedJwtVerifier.Verified verified = this.verifier.verify(token);
			Jwt jwt = verified.jwt();
			validate(this.stages, jwt, null);
			if (key != null) {
				this.cache.put(key, new VerifiedTokenCache.Entry(jwt, verified.keyFingerprint()));
			}
			this.listener.accepted(jwt, false, System.nanoTime() - start);
			return jwt;
		}
		catch (InvalidTokenException ex) {
			this.listener.rejected(ex.reason(), System.nanoTime() - start);
			throw ex;
		}
		catch (JwksUnavailableException ex) {
			this.listener.keysUnavailable(System.nanoTime() - start);
			throw ex;
		}
	}

	private void validate(List<Stage> stages, Jwt jwt, VerifiedTokenCache.Key cached) {
		for (Stage stage : stages) {
			OAuth2TokenValidatorResult result = stage.application() ? applicationResult(stage, jwt)
					: stage.validator().validate(jwt);
			if (result.hasErrors()) {
				InvalidTokenException refusal = refusal(result.getErrors());
				if (cached != null && refusal.reason() == TokenRejection.EXPIRED) {
					this.cache.invalidate(cached);
				}
				throw refusal;
			}
		}
	}

	/**
	 * An application's validator that throws instead of answering (a claim of a type it did not
	 * expect) refuses the token: the input is the client's, so the answer is a 401, not a 500.
	 */
	private static OAuth2TokenValidatorResult applicationResult(Stage stage, Jwt jwt) {
		try {
			return stage.validator().validate(jwt);
		}
		catch (JwtException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// the exception's class only: its message may quote claim values
			long now = System.nanoTime();
			long last = LAST_VALIDATOR_WARNING.get();
			if (now - last >= 60_000_000_000L && LAST_VALIDATOR_WARNING.compareAndSet(last, now)) {
				logger.warn("The token validator " + stage.validator().getClass().getName() + " threw "
						+ ex.getClass().getName() + "; tokens it throws on are refused (logged at most once a minute)");
			}
			return OAuth2TokenValidatorResult.failure(new TokenError(TokenRejection.REJECTED, REFUSED));
		}
	}

	private static InvalidTokenException refusal(Collection<OAuth2Error> errors) {
		OAuth2Error error = errors.iterator().next();
		if (error instanceof TokenError known) {
			return known.toException();
		}
		// an application's validator: its description is its own sentence for the client
		String description = (error.getDescription() != null && !error.getDescription().isBlank())
				? error.getDescription() : REFUSED;
		return new InvalidTokenException(TokenRejection.REJECTED, InvalidTokenException.INVALID_TOKEN, description);
	}

	/** A validator of Spring Security whose failures get Warden's rejection and sentence. */
	private static OAuth2TokenValidator<Jwt> mapped(OAuth2TokenValidator<Jwt> validator, TokenRejection reason,
			String description) {
		OAuth2TokenValidatorResult failure = OAuth2TokenValidatorResult.failure(new TokenError(reason, description));
		return (jwt) -> validator.validate(jwt).hasErrors() ? failure : OAuth2TokenValidatorResult.success();
	}

	/**
	 * A validator, whether it runs on every request (cache hits included) or once per token, and
	 * whether it is the application's.
	 */
	private record Stage(OAuth2TokenValidator<Jwt> validator, boolean everyRequest, boolean application) {

		static Stage once(OAuth2TokenValidator<Jwt> validator) {
			return new Stage(validator, false, false);
		}

		static Stage always(OAuth2TokenValidator<Jwt> validator) {
			return new Stage(validator, true, false);
		}

		static Stage applications(OAuth2TokenValidator<Jwt> validator) {
			return new Stage(validator, true, true);
		}

	}

	/** Assembles a {@link WardenJwtDecoder}; the one place where the pipeline's parts come together. */
	public static final class Builder {

		private final String issuer;

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
