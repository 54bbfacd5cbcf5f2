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
	REVOKED("revoked"),

	/**
	 * The token is sender-constrained and the request does not prove possession: a
	 * certificate-bound token without its client certificate, a DPoP-bound token without the
	 * {@code DPoP} scheme, an unbound token with it, or a bearer token where DPoP is required.
	 */
	INVALID_BINDING("invalid_binding"),

	/** The DPoP proof is missing, malformed, replayed, stale, or does not match the request or the token. */
	INVALID_DPOP_PROOF("invalid_dpop_proof"),

	/** The DPoP proof carries no valid server nonce while nonces are required. */
	DPOP_NONCE_REQUIRED("use_dpop_nonce"),

	/** Refused by a validator of the application or by one of Spring Security's default validators. */
	REJECTED("rejected");

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
