package dev.warden.jwt;

import java.time.Instant;

/**
 * Remembers DPoP proofs already used (RFC 9449 §11.1), so that a captured proof cannot be sent
 * again. Warden keeps one in memory; an application running several instances can back it with a
 * shared store, so that a proof used at one instance is refused at all of them.
 */
@FunctionalInterface
public interface DPoPReplayCache {

	/**
	 * Records a proof.
	 * @param key identifies the proof (a digest of its key thumbprint and {@code jti}, never proof
	 * text)
	 * @param expiresAt when the proof would be refused as too old anyway, so the entry may go
	 * @return {@code true} on first use, {@code false} when the proof was seen before
	 */
	boolean firstUse(String key, Instant expiresAt);

}
