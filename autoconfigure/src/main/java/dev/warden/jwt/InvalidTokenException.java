package dev.warden.jwt;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A token that is refused (401 {@code invalid_token}). The message is safe to show the client: it
 * never contains any part of the token.
 */
public class InvalidTokenException extends BadJwtException {

	private final TokenRejection reason;

	/**
	 * Creates the exception.
	 * @param reason why the token is refused
	 * @param description a client-safe description
	 */
	public InvalidTokenException(TokenRejection reason, String description) {
		super(description);
		this.reason = reason;
	}

	/**
	 * Why the token is refused.
	 * @return the reason
	 */
	public TokenRejection reason() {
		return this.reason;
	}

}
