package dev.warden.internal.revocation;

/**
 * A pushed Security Event Token refused, with its RFC 8935 §2.4 error code and a description for the
 * transmitter (never the SET's text).
 */
public final class PushRejectedException extends Exception {

	private static final long serialVersionUID = 1L;

	private final String code;

	/**
	 * Creates the refusal.
	 * @param code {@code invalid_request}, {@code invalid_key}, {@code invalid_issuer} or
	 * {@code invalid_audience}
	 * @param description a sentence for the transmitter
	 */
	public PushRejectedException(String code, String description) {
		super(description, null, false, false);
		this.code = code;
	}

	/**
	 * The RFC 8935 error code.
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

}
