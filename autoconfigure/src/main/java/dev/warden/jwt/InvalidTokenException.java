package dev.warden.jwt;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A token that is refused (401). The message is safe to show the client: it never contains any
 * part of the token.
 */
public class InvalidTokenException extends BadJwtException {

	/** The RFC 6750 error code of a bad token. */
	public static final String INVALID_TOKEN = "invalid_token";

	private final TokenRejection reason;

	private final String errorCode;

	/**
	 * Creates the exception with the error code {@code invalid_token}.
	 * @param reason why the token is refused
	 * @param description a client-safe description
	 */
	public InvalidTokenException(TokenRejection reason, String description) {
		this(reason, INVALID_TOKEN, description);
	}

	/**
	 * Creates the exception.
	 * @param reason why the token is refused
	 * @param errorCode the error code of the answer ({@code invalid_token}, or a DPoP error of
	 * RFC 9449 such as {@code invalid_dpop_proof})
	 * @param description a client-safe description
	 */
	public InvalidTokenException(TokenRejection reason, String errorCode, String description) {
		super(description);
		this.reason = reason;
		this.errorCode = errorCode;
	}

	/**
	 * Why the token is refused.
	 * @return the reason
	 */
	public TokenRejection reason() {
		return this.reason;
	}

	/**
	 * The error code of the answer.
	 * @return {@code invalid_token} unless a more specific code applies
	 */
	public String errorCode() {
		return this.errorCode;
	}

}
