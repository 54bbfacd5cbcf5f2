package dev.warden.internal.jwt;

import java.io.IOException;

/**
 * A call to the authorization server got no answer within its deadline (connect + read timeout).
 * Callers tell a timeout from other failures by this type, never by the message.
 */
public class FetchTimeoutException extends IOException {

	/**
	 * Creates the exception.
	 * @param message what was called and the deadline
	 * @param cause the underlying timeout
	 */
	public FetchTimeoutException(String message, Throwable cause) {
		super(message, cause);
	}

}
