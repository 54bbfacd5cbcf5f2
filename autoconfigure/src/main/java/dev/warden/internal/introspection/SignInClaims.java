package dev.warden.internal.introspection;

import java.util.Map;

import dev.warden.internal.NumericDates;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;

/**
 * The sign-in members of an introspection answer, which step-up reads: {@code acr} a string and
 * {@code auth_time} a NumericDate when present — as for a JWT's own claims.
 */
final class SignInClaims {

	private SignInClaims() {
	}

	/**
	 * Checks the types.
	 * @param answer the answer's members
	 * @throws InvalidTokenException when {@code acr} or {@code auth_time} is of the wrong type
	 */
	static void check(Map<String, Object> answer) {
		if (answer.containsKey("acr") && !(answer.get("acr") instanceof String)) {
			throw new InvalidTokenException(TokenRejection.MALFORMED, "The token's acr claim is not a string");
		}
		if (answer.containsKey("auth_time")) {
			try {
				NumericDates.parse(answer.get("auth_time"));
			}
			catch (NumericDates.InvalidNumericDate ex) {
				throw new InvalidTokenException(TokenRejection.MALFORMED, "The token's auth_time is not a number");
			}
		}
	}

}
