package dev.warden.internal.jwt;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-provided DPoP nonces (RFC 9449 §8) that need no shared state: a nonce names a time window
 * and carries an HMAC of it, so any instance holding the same secret recognises it. A nonce is
 * accepted in its own window and the next, so it lives between one and two lifetimes. Instances
 * given no common secret each make their own, and a client moving between them is asked for a new
 * nonce once per move.
 */
public final class DPoPNonces {

	private static final int MAC_BYTES = 16;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	private final long windowMillis;

	private final Clock clock;

	/**
	 * Creates nonces with a random secret of this instance.
	 * @param lifetime how long one nonce is handed out
	 * @param clock the clock
	 */
	public DPoPNonces(Duration lifetime, Clock clock) {
		this(randomSecret(), lifetime, clock);
	}

	/**
	 * Creates nonces.
	 * @param secret the secret shared by the instances that must accept each other's nonces (at
	 * least 32 bytes)
	 * @param lifetime how long one nonce is handed out
	 * @param clock the clock
	 */
	public DPoPNonces(byte[] secret, Duration lifetime, Clock clock) {
		if (secret.length < 32) {
			throw new IllegalArgumentException("A DPoP nonce secret needs at least 32 bytes");
		}
		this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), "HmacSHA256");
		this.windowMillis = Math.max(1, lifetime.toMillis());
		this.clock = clock;
	}

	private static byte[] randomSecret() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		return secret;
	}

	/**
	 * The nonce to hand out now.
	 * @return the nonce
	 */
	public String current() {
		return encode(window());
	}

	/**
	 * Whether a nonce from a proof is acceptable now.
	 * @param nonce the proof's {@code nonce} claim
	 * @return whether it was made by these nonces in this window or the previous one
	 */
	public boolean isValid(String nonce) {
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(nonce);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (bytes.length != Long.BYTES + MAC_BYTES) {
			return false;
		}
		long window = ByteBuffer.wrap(bytes, 0, Long.BYTES).getLong();
		long now = window();
		if (window != now && window != now - 1) {
			return false;
		}
		return MessageDigest.isEqual(Arrays.copyOfRange(bytes, Long.BYTES, bytes.length), mac(window));
	}

	/**
	 * Whether a valid nonce is older than the one handed out now (the client should switch).
	 * @param nonce a valid nonce
	 * @return whether a newer one exists
	 */
	public boolean isStale(String nonce) {
		return !current().equals(nonce);
	}

	private long window() {
		return Math.floorDiv(this.clock.millis(), this.windowMillis);
	}

	private String encode(long window) {
		ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + MAC_BYTES);
		buffer.putLong(window).put(mac(window));
		return ENCODER.encodeToString(buffer.array());
	}

	private byte[] mac(long window) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(window).array()), MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
