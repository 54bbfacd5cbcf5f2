package dev.warden.introspection;

import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A live check was required but the introspection endpoint gave no usable answer, and the policy
 * is {@code deny}: 503, never 401.
 */
public class IntrospectionUnavailableException extends JwtException {

	/**
	 * Creates the exception.
	 * @param message what failed
	 */
	public IntrospectionUnavailableException(String message) {
		super(message);
	}

}
