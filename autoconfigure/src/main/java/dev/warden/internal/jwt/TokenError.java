package dev.warden.internal.jwt;

import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;

import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The failure of one of Warden's validators: the {@link OAuth2Error} Spring Security's validator
 * contract expects, carrying the {@link TokenRejection} that meters and the audit log use.
 */
final class TokenError extends OAuth2Error {

	private static final long serialVersionUID = 1L;

	private final TokenRejection reason;

	TokenError(TokenRejection reason, String description) {
		this(reason, InvalidTokenException.INVALID_TOKEN, description);
	}

	TokenError(TokenRejection reason, String errorCode, String description) {
		super(errorCode, description, null);
		this.reason = reason;
	}

	TokenRejection reason() {
		return this.reason;
	}

	InvalidTokenException toException() {
		return new InvalidTokenException(this.reason, getErrorCode(), getDescription());
	}

}
