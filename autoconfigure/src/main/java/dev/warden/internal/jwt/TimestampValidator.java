package dev.warden.internal.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.warden.jwt.TokenRejection;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The time claims, with one clock-skew rule: {@code exp} is required and must lie ahead (an access
 * token without an expiry would be valid forever); {@code nbf} and {@code iat} must not lie ahead;
 * {@code exp} must come after {@code iat}. Runs on every request, cached tokens included.
 * <p>
 * Spring Security's {@code JwtTimestampValidator} accepts a token without {@code exp} and answers
 * every case with one sentence; it still runs after this one, among Spring Security's defaults.
 */
final class TimestampValidator implements OAuth2TokenValidator<Jwt> {

	private final Duration skew;

	private final Clock clock;

	TimestampValidator(Duration skew, Clock clock) {
		this.skew = skew;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		TokenError error = check(jwt.getExpiresAt(), jwt.getNotBefore(), jwt.getIssuedAt());
		return (error != null) ? OAuth2TokenValidatorResult.failure(error) : OAuth2TokenValidatorResult.success();
	}

	/**
	 * Checks the time claims.
	 * @param expiresAt {@code exp}, or {@code null}
	 * @param notBefore {@code nbf}, or {@code null}
	 * @param issuedAt {@code iat}, or {@code null}
	 * @return {@code null} when they hold, else the first failure in the documented order
	 */
	TokenError check(Instant expiresAt, Instant notBefore, Instant issuedAt) {
		if (expiresAt == null) {
			return new TokenError(TokenRejection.MALFORMED, "The token has no expiry (exp)");
		}
		Instant now = this.clock.instant();
		if (!now.isBefore(expiresAt.plus(this.skew))) {
			return new TokenError(TokenRejection.EXPIRED, "The access token expired");
		}
		if (notBefore != null && now.plus(this.skew).isBefore(notBefore)) {
			return new TokenError(TokenRejection.NOT_YET_VALID, "The access token is not valid yet (nbf)");
		}
		if (issuedAt != null) {
			if (now.plus(this.skew).isBefore(issuedAt)) {
				return new TokenError(TokenRejection.NOT_YET_VALID, "The access token was issued in the future (iat)");
			}
			if (!expiresAt.isAfter(issuedAt)) {
				return new TokenError(TokenRejection.MALFORMED, "The token's exp is not after its iat");
			}
		}
		return null;
	}


}
