package dev.warden.internal.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import dev.warden.jwt.DPoPReplayCache;

/**
 * How DPoP proofs (RFC 9449) are checked.
 *
 * @param enabled whether the {@code DPoP} scheme is accepted at all (when not, a DPoP-bound token
 * can never prove possession and is refused)
 * @param required whether only DPoP-bound tokens are accepted (bearer tokens refused everywhere)
 * @param algorithms the asymmetric algorithms a proof may be signed with
 * @param proofMaxAge how old a proof's {@code iat} may be (the clock skew is added)
 * @param clockSkew tolerance for a proof's {@code iat}
 * @param maxProofLength the longest proof, in characters, that is parsed at all
 * @param nonces server nonces, or {@code null} when proofs need none
 * @param replayCache where used proofs are remembered
 * @param clock the clock
 */
public record DPoPSettings(boolean enabled, boolean required, Set<JWSAlgorithm> algorithms, Duration proofMaxAge,
		Duration clockSkew, int maxProofLength, DPoPNonces nonces, DPoPReplayCache replayCache, Clock clock) {

	/** The algorithms proofs may use unless configured otherwise: RSA, RSA-PSS and ECDSA. */
	public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = TokenValidationSettings.DEFAULT_ALGORITHMS;

	/**
	 * DPoP switched off: the scheme is not read, and DPoP-bound tokens are refused.
	 * @return the settings
	 */
	public static DPoPSettings disabled() {
		return new DPoPSettings(false, false, DEFAULT_ALGORITHMS, Duration.ofSeconds(60), Duration.ZERO, 0, null,
				(key, expiresAt) -> false, Clock.systemUTC());
	}

	/**
	 * The algorithms as a space-separated list, for the {@code algs} challenge parameter.
	 * @return the list, in a stable order
	 */
	public String algorithmList() {
		return String.join(" ", this.algorithms.stream().map(JWSAlgorithm::getName).sorted().toList());
	}

}
