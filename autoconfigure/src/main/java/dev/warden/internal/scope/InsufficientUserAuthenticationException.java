package dev.warden.internal.scope;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;

/**
 * A valid token with the scopes an endpoint needs, but a sign-in too weak or too old for it
 * (RFC 9470): 401 {@code insufficient_user_authentication}, telling the client which
 * {@code acr_values} and/or {@code max_age} to ask the authorization server for.
 */
public class InsufficientUserAuthenticationException extends OAuth2AuthenticationException {

	/** The error code of RFC 9470 §3. */
	public static final String ERROR_CODE = "insufficient_user_authentication";

	private final String acrValues;

	private final Long maxAge;

	/**
	 * Creates the exception.
	 * @param description a client-safe sentence
	 * @param acrValues the acceptable {@code acr} values, space-separated in order of preference, or
	 * {@code null}
	 * @param maxAge the maximum age of the sign-in in seconds, or {@code null}
	 */
	public InsufficientUserAuthenticationException(String description, String acrValues, Long maxAge) {
		super(new BearerTokenError(ERROR_CODE, HttpStatus.UNAUTHORIZED, description, null), description);
		this.acrValues = acrValues;
		this.maxAge = maxAge;
	}

	/**
	 * The acceptable {@code acr} values.
	 * @return the values, space-separated in order of preference, or {@code null}
	 */
	public String acrValues() {
		return this.acrValues;
	}

	/**
	 * The maximum age of the sign-in.
	 * @return seconds, or {@code null}
	 */
	public Long maxAge() {
		return this.maxAge;
	}

}
