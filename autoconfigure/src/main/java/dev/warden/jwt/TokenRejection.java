package dev.warden.jwt;

/**
 * Why a token was refused. The names double as low-cardinality metric tags.
 */
public enum TokenRejection {

	/** Not a compact JWS, or its header, payload or claims are not well formed. */
	MALFORMED("malformed"),

	/** The signature does not verify, or the algorithm is not accepted. */
	INVALID_SIGNATURE("invalid_signature"),

	/** No key of the issuer's JWKS matches the token. */
	UNKNOWN_KEY("unknown_key"),

	/** {@code iss} is not the configured issuer. */
	INVALID_ISSUER("invalid_issuer"),

	/** {@code aud} contains none of the configured audiences. */
	INVALID_AUDIENCE("invalid_audience"),

	/** {@code exp} passed (beyond the clock skew). */
	EXPIRED("expired"),

	/** {@code nbf} or {@code iat} lies in the future (beyond the clock skew). */
	NOT_YET_VALID("not_yet_valid"),

	/** The authorization server says the token is no longer active (introspection). */
	REVOKED("revoked");

	private final String tag;

	TokenRejection(String tag) {
		this.tag = tag;
	}

	/**
	 * The metric tag value.
	 * @return the tag
	 */
	public String tag() {
		return this.tag;
	}

}
