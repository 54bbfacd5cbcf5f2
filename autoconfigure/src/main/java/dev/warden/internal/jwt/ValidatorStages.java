package dev.warden.internal.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * The claim checks of {@link WardenJwtDecoder}, as {@link OAuth2TokenValidator}s in their documented
 * order, each marked as running once per token or on every request (cached tokens included).
 */
final class ValidatorStages {

	private static final String REFUSED = "The access token is not accepted";

	private static final OAuth2TokenValidatorResult EMPTY_TYPE = OAuth2TokenValidatorResult
		.failure(new OAuth2Error("invalid_token", "typ is empty", null));

	private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;

	private static final AtomicLong lastValidatorWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

	private static final Log logger = LogFactory.getLog(WardenJwtDecoder.class);

	private final List<Stage> all;

	private final List<Stage> everyRequest;

	private ValidatorStages(List<Stage> all) {
		this.all = all;
		this.everyRequest = all.stream().filter(Stage::everyRequest).toList();
	}

	static ValidatorStages of(String issuer, Set<String> audiences, boolean strictRfc9068, Duration clockSkew,
			Clock clock, TimestampValidator times, SenderConstraints senderConstraints,
			List<OAuth2TokenValidator<Jwt>> applicationValidators) {
		JwtTypeValidator types = strictRfc9068 ? new JwtTypeValidator("at+jwt", "application/at+jwt")
				: new JwtTypeValidator("at+jwt", "application/at+jwt", "JWT");
		types.setAllowEmpty(!strictRfc9068);
		List<Stage> stages = new ArrayList<>();
		stages.add(Stage.once(mapped(new JwtClaimValidator<>("iss", (iss) -> iss instanceof String text && text.equals(issuer)),
				TokenRejection.INVALID_ISSUER, "The token's issuer is not accepted")));
		stages.add(Stage.once(new AudienceValidator(audiences)));
		stages.add(Stage.once(new ConfirmationValidator()));
		stages.add(Stage.always(times));
		stages.add(Stage.always(new AuthenticationContextValidator(clockSkew, clock)));
		// Spring's validator lets an empty or blank typ pass as absent; a typ that is there is not absent
		OAuth2TokenValidator<Jwt> typed = (jwt) -> (jwt.getHeaders().get("typ") instanceof String typ && typ.isBlank())
				? EMPTY_TYPE : types.validate(jwt);
		stages.add(Stage.once(mapped(typed, TokenRejection.MALFORMED, strictRfc9068
				? "The token's type (typ) must be at+jwt" : "The token's type (typ) is not accepted")));
		if (strictRfc9068) {
			stages.add(Stage.once(new Rfc9068ClaimsValidator()));
		}
		stages.add(Stage.always(new SenderConstraintValidator(senderConstraints)));
		JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
		timestamps.setClock(clock);
		stages.add(Stage.always(mapped(JwtValidators.createDefaultWithValidators(List.of(types, timestamps)),
				TokenRejection.REJECTED, REFUSED)));
		for (OAuth2TokenValidator<Jwt> validator : applicationValidators) {
			stages.add(Stage.applications(validator));
		}
		return new ValidatorStages(List.copyOf(stages));
	}

	/**
	 * Runs the stages in order.
	 * @param jwt the token
	 * @param everyRequestOnly whether to run only the stages that depend on time or the request (a
	 * token from the verified-token cache)
	 * @throws InvalidTokenException at the first refusal
	 */
	void validate(Jwt jwt, boolean everyRequestOnly) {
		for (Stage stage : everyRequestOnly ? this.everyRequest : this.all) {
			OAuth2TokenValidatorResult result = stage.application() ? applicationResult(stage, jwt)
					: stage.validator().validate(jwt);
			if (result.hasErrors()) {
				throw refusal(result.getErrors());
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
			long last = lastValidatorWarning.get();
			if (now - last >= WARNING_INTERVAL_NANOS && lastValidatorWarning.compareAndSet(last, now)) {
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

}
