package dev.warden.jwt;

import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The issuer's keys could not be obtained and none are cached: the token may well be valid, so the
 * answer is 503, never 401. Spring Security turns this into an
 * {@code AuthenticationServiceException}.
 */
public class JwksUnavailableException extends JwtException {

	/**
	 * Creates the exception.
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public JwksUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
