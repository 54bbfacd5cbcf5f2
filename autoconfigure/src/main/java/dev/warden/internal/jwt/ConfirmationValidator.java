package dev.warden.internal.jwt;

import java.util.Map;

import dev.warden.jwt.TokenRejection;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The shape of {@code cnf} (RFC 7800): a JSON object whose {@code x5t#S256} (RFC 8705) and
 * {@code jkt} (RFC 9449) members, when present, are strings. Spring Security reads the claim as a
 * map and those members as strings; another shape would otherwise surface as a 500 there.
 */
final class ConfirmationValidator implements OAuth2TokenValidator<Jwt> {

	static final String CERTIFICATE_THUMBPRINT = "x5t#S256";

	static final String KEY_THUMBPRINT = "jkt";

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		Object confirmation = jwt.getClaims().get("cnf");
		if (confirmation == null) {
			return OAuth2TokenValidatorResult.success();
		}
		if (!(confirmation instanceof Map<?, ?> members)) {
			return failure("The token's confirmation (cnf) claim is not a JSON object");
		}
		for (String member : new String[] { CERTIFICATE_THUMBPRINT, KEY_THUMBPRINT }) {
			if (members.containsKey(member) && !(members.get(member) instanceof String value && !value.isEmpty())) {
				return failure("The token's confirmation (cnf) claim has a malformed " + member);
			}
		}
		return OAuth2TokenValidatorResult.success();
	}

	/**
	 * A member of a token's {@code cnf}, once this validator has accepted the shape.
	 * @param jwt the token
	 * @param member the member
	 * @return its value, or {@code null}
	 */
	static String member(Jwt jwt, String member) {
		return (jwt.getClaims().get("cnf") instanceof Map<?, ?> members && members.get(member) instanceof String value)
				? value : null;
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new TokenError(TokenRejection.MALFORMED, description));
	}

}
