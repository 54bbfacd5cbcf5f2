package dev.warden.internal.introspection;

/**
 * The introspection endpoint could not give a usable answer: a timeout, a connection error, a
 * status other than 200, a body that is not JSON or lacks {@code active}, or too many calls in
 * flight. Never means the token is bad.
 */
public class IntrospectionFailedException extends Exception {

	private final Kind kind;

	/** What failed, as a low-cardinality tag. */
	public enum Kind {

		/** No answer within the deadline. */
		TIMEOUT,

		/** The endpoint refused this service's client credentials (HTTP 401 or 403). */
		CLIENT_REJECTED,

		/** Anything else. */
		ERROR

	}

	IntrospectionFailedException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	/**
	 * The kind of failure.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

}
