package dev.warden.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256 in the forms Warden uses: raw digests (cache keys), base64url (RFC 7638 thumbprints,
 * DPoP {@code ath}, RFC 8705 {@code x5t#S256}) and short hex fingerprints for logs, which identify a
 * token without revealing it. Internal: not part of Warden's API.
 */
public final class Digests {

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	});

	private Digests() {
	}

	/**
	 * The SHA-256 of bytes.
	 * @param bytes the bytes
	 * @return the digest
	 */
	public static byte[] sha256(byte[] bytes) {
		MessageDigest digest = SHA_256.get();
		digest.reset();
		return digest.digest(bytes);
	}

	/**
	 * The SHA-256 of a text's UTF-8 bytes.
	 * @param text the text
	 * @return the digest
	 */
	public static byte[] sha256(String text) {
		return sha256(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The unpadded base64url SHA-256 of bytes.
	 * @param bytes the bytes
	 * @return the encoded digest
	 */
	public static String base64UrlSha256(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(bytes));
	}

	/**
	 * The unpadded base64url SHA-256 of a text's UTF-8 bytes (RFC 9449 {@code ath}).
	 * @param text the text
	 * @return the encoded digest
	 */
	public static String base64UrlSha256(String text) {
		return base64UrlSha256(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The hex SHA-256 of a text.
	 * @param text the text
	 * @return 64 hex characters
	 */
	public static String hexSha256(String text) {
		return HexFormat.of().formatHex(sha256(text));
	}

	/**
	 * A short fingerprint for logs: the first 8 hex characters of the SHA-256.
	 * @param text a token or another secret
	 * @return the fingerprint
	 */
	public static String fingerprint(String text) {
		return HexFormat.of().formatHex(sha256(text), 0, 4);
	}

	/**
	 * Compares two texts in time independent of where they differ.
	 * @param a one text
	 * @param b the other
	 * @return whether they are equal
	 */
	public static boolean constantTimeEquals(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
