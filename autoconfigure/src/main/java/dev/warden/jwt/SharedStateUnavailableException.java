package dev.warden.jwt;

import org.springframework.security.oauth2.jwt.JwtException;

/**
 * State a check needs could not be read or written (a shared DPoP replay cache that is down): the
 * check cannot be made, which is answered 503 — not 401, since the token and proof may be fine.
 */
public class SharedStateUnavailableException extends JwtException {

	/**
	 * Creates the exception.
	 * @param message what could not be reached
	 * @param cause why
	 */
	public SharedStateUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
