package dev.warden.internal.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.warden.internal.NumericDates;
import dev.warden.jwt.TokenRejection;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The sign-in claims step-up authentication reads (RFC 9470, OpenID Connect Core §2): {@code acr},
 * when present, is a string; {@code auth_time}, when present, is a NumericDate not ahead of the
 * clock by more than the skew. Runs on every request, cached tokens included (the clock moves).
 */
final class AuthenticationContextValidator implements OAuth2TokenValidator<Jwt> {

	private final Duration skew;

	private final Clock clock;

	AuthenticationContextValidator(Duration skew, Clock clock) {
		this.skew = skew;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		Map<String, Object> claims = jwt.getClaims();
		if (claims.containsKey("acr") && !(claims.get("acr") instanceof String)) {
			return failure("The token's acr claim is not a string");
		}
		if (!claims.containsKey("auth_time")) {
			return OAuth2TokenValidatorResult.success();
		}
		Instant authTime;
		try {
			authTime = NumericDates.parse(claims.get("auth_time"));
		}
		catch (NumericDates.InvalidNumericDate ex) {
			return failure((ex.problem() == NumericDates.Problem.OUT_OF_RANGE) ? "The token's auth_time is out of range"
					: "The token's auth_time is not a number");
		}
		if (this.clock.instant().plus(this.skew).isBefore(authTime)) {
			return failure("The token's auth_time lies in the future");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new TokenError(TokenRejection.MALFORMED, description));
	}

}
