package dev.warden.internal.jwt;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** The {@link SenderConstraints} of a JWT, as a stage of the pipeline. */
final class SenderConstraintValidator implements OAuth2TokenValidator<Jwt> {

	private final SenderConstraints constraints;

	SenderConstraintValidator(SenderConstraints constraints) {
		this.constraints = constraints;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		TokenError error = this.constraints.check(jwt.getTokenValue(), jwt.getClaims().get("cnf"));
		return (error != null) ? OAuth2TokenValidatorResult.failure(error) : OAuth2TokenValidatorResult.success();
	}

}
