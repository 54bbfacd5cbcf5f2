package dev.warden.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * DPoP (RFC 9449).
 */
public class DpopProperties {

	/**
	 * Whether the DPoP scheme is accepted. When false, 'Authorization: DPoP' counts as no
	 * token, and DPoP-bound tokens are refused.
	 */
	private boolean enabled = true;

	/**
	 * Whether only DPoP-bound tokens are accepted, on every endpoint (bearer tokens refused). The
	 * RequireDPoP annotation does the same for one endpoint.
	 */
	private boolean required = false;

	/**
	 * Algorithms a DPoP proof may be signed with (asymmetric only).
	 */
	private List<String> algorithms = new ArrayList<>(
			List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"));

	/**
	 * How old a proof's iat may be; the clock skew is added. Used proofs are remembered this
	 * long, so a replay is refused.
	 */
	private Duration proofMaxAge = Duration.ofSeconds(60);

	/**
	 * Most used proofs remembered by this instance.
	 */
	private long replayCacheSize = 100_000;

	/**
	 * Server-provided nonces (RFC 9449 section 8).
	 */
	private final Nonce nonce = new Nonce();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRequired() {
		return this.required;
	}

	public void setRequired(boolean required) {
		this.required = required;
	}

	public List<String> getAlgorithms() {
		return this.algorithms;
	}

	public void setAlgorithms(List<String> algorithms) {
		this.algorithms = algorithms;
	}

	public Duration getProofMaxAge() {
		return this.proofMaxAge;
	}

	public void setProofMaxAge(Duration proofMaxAge) {
		this.proofMaxAge = proofMaxAge;
	}

	public long getReplayCacheSize() {
		return this.replayCacheSize;
	}

	public void setReplayCacheSize(long replayCacheSize) {
		this.replayCacheSize = replayCacheSize;
	}

	public Nonce getNonce() {
		return this.nonce;
	}

	/**
	 * DPoP server nonces.
	 */
	public static class Nonce {

		/**
		 * Whether proofs must carry a nonce handed out by this service; a proof without one
		 * is answered 401 use_dpop_nonce with a DPoP-Nonce header.
		 */
		private boolean enabled = false;

		/**
		 * How long one nonce is handed out; a nonce is accepted for up to twice this long.
		 */
		private Duration lifetime = Duration.ofMinutes(5);

		/**
		 * Secret shared by the instances of the service, so that each accepts the others'
		 * nonces (at least 32 characters). Without it each instance makes its own.
		 */
		private String secret;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getLifetime() {
			return this.lifetime;
		}

		public void setLifetime(Duration lifetime) {
			this.lifetime = lifetime;
		}

		public String getSecret() {
			return this.secret;
		}

		public void setSecret(String secret) {
			this.secret = secret;
		}

	}

}
