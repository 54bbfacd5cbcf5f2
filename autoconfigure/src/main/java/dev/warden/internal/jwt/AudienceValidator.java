package dev.warden.internal.jwt;

import java.util.Set;

import dev.warden.internal.Claims;
import dev.warden.jwt.TokenRejection;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * {@code aud} (RFC 7519 §4.1.3): a string or an array of strings, containing one of the accepted
 * audiences. Without accepted audiences (an explicit opt-out), any well-formed audience or none
 * passes.
 */
final class AudienceValidator implements OAuth2TokenValidator<Jwt> {

	private static final String WRONG_TYPE = "The token's audience (aud) is not a string or an array";

	private final Set<String> audiences;

	AudienceValidator(Set<String> audiences) {
		this.audiences = Set.copyOf(audiences);
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		Object aud = jwt.getClaims().get("aud");
		if (aud == null) {
			return this.audiences.isEmpty() ? OAuth2TokenValidatorResult.success()
					: failure(TokenRejection.INVALID_AUDIENCE, "The token has no audience (aud)");
		}
		if (Claims.audiences(aud) == null) {
			return failure(TokenRejection.MALFORMED, WRONG_TYPE);
		}
		if (this.audiences.isEmpty() || Claims.namesOneOf(aud, this.audiences)) {
			return OAuth2TokenValidatorResult.success();
		}
		return failure(TokenRejection.INVALID_AUDIENCE, "The token's audience is not accepted");
	}

	private static OAuth2TokenValidatorResult failure(TokenRejection reason, String description) {
		return OAuth2TokenValidatorResult.failure(new TokenError(reason, description));
	}

}
