package dev.warden.internal.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * What a token must satisfy.
 *
 * @param issuer the exact {@code iss} value accepted
 * @param audiences {@code aud} must contain one of these; empty accepts any audience
 * @param clockSkew tolerance applied to {@code exp}, {@code nbf} and {@code iat}
 * @param algorithms the JWS algorithms accepted
 * @param strictRfc9068 whether to require the RFC 9068 profile ({@code typ} {@code at+jwt} and its
 * claims)
 * @param maxTokenLength longest token, in characters, that is parsed at all
 * @param clock the clock
 */
public record TokenValidationSettings(String issuer, Set<String> audiences, Duration clockSkew,
		Set<JWSAlgorithm> algorithms, boolean strictRfc9068, int maxTokenLength, Clock clock) {

	/** The algorithms accepted unless configured otherwise: RSA, RSA-PSS and ECDSA. */
	public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
			JWSAlgorithm.ES384, JWSAlgorithm.ES512);

	/**
	 * Whether an algorithm may ever be accepted: {@code none} and HMAC never are.
	 * @param algorithm the algorithm
	 * @return whether it is one of the RSA, RSA-PSS or ECDSA algorithms (P-256, P-384, P-521)
	 */
	public static boolean isAcceptable(JWSAlgorithm algorithm) {
		return DEFAULT_ALGORITHMS.contains(algorithm);
	}

}
