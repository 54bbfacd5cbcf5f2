package dev.warden.internal.jwt;

import java.util.List;

import dev.warden.jwt.TokenRejection;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims RFC 9068 §2.2 requires of a JWT access token, for {@code warden.strict-rfc9068}.
 * (Spring Security's {@code JwtValidators.createAtJwtValidator()} needs one fixed {@code client_id};
 * a resource server serves many clients.)
 */
final class Rfc9068ClaimsValidator implements OAuth2TokenValidator<Jwt> {

	private static final List<String> REQUIRED = List.of("iss", "exp", "aud", "sub", "client_id", "iat", "jti");

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		for (String claim : REQUIRED) {
			if (jwt.getClaims().get(claim) == null) {
				return OAuth2TokenValidatorResult.failure(new TokenError(TokenRejection.MALFORMED,
						"The token lacks the claim " + claim + " required by RFC 9068"));
			}
		}
		return OAuth2TokenValidatorResult.success();
	}

}
