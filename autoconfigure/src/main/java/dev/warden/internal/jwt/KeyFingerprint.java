package dev.warden.internal.jwt;

import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies a public key by the SHA-256 of its encoded form, whatever its {@code kid}.
 */
final class KeyFingerprint {

	private KeyFingerprint() {
	}

	static String of(Key key) {
		byte[] encoded = key.getEncoded();
		if (encoded == null) {
			return "unencodable:" + System.identityHashCode(key);
		}
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
