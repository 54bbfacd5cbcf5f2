package dev.warden.internal.jwt;

import java.text.ParseException;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;

/**
 * Parsing rules shared by access tokens and DPoP proofs: one canonical spelling per token, compact
 * JWS only, no {@code crit} (Warden understands no extension), payload a JSON object. The canonical
 * spelling is checked for pushed Security Event Tokens too.
 */
public final class CompactJws {

	private CompactJws() {
	}

	/**
	 * Whether every dot-separated segment is unpadded base64url in its one canonical form (no
	 * characters outside {@code A-Z a-z 0-9 - _}, no impossible length, unused trailing bits zero).
	 * Nimbus's decoder skips characters outside the alphabet, so without this check one signed token
	 * could be sent in many spellings.
	 * @param token the text
	 * @return whether it is canonical
	 */
	public static boolean isCanonical(String token) {
		int segmentStart = 0;
		for (int i = 0; i <= token.length(); i++) {
			if (i == token.length() || token.charAt(i) == '.') {
				if (!isCanonicalSegment(token, segmentStart, i)) {
					return false;
				}
				segmentStart = i + 1;
				continue;
			}
			char c = token.charAt(i);
			boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!base64url) {
				return false;
			}
		}
		return true;
	}

	private static boolean isCanonicalSegment(String token, int start, int end) {
		int length = end - start;
		if (length == 0) {
			return true;
		}
		int remainder = length % 4;
		if (remainder == 1) {
			return false;
		}
		if (remainder == 0) {
			return true;
		}
		int last = base64UrlValue(token.charAt(end - 1));
		int unusedBits = (remainder == 2) ? 0x0F : 0x03;
		return (last & unusedBits) == 0;
	}

	private static int base64UrlValue(char c) {
		if (c >= 'A' && c <= 'Z') {
			return c - 'A';
		}
		if (c >= 'a' && c <= 'z') {
			return c - 'a' + 26;
		}
		if (c >= '0' && c <= '9') {
			return c - '0' + 52;
		}
		return (c == '-') ? 62 : 63;
	}

	/**
	 * Parses a compact JWS, telling what else it was.
	 * @param token the text
	 * @param what how to name it in answers ("access token", "DPoP proof")
	 * @param malformed the rejection of a text that is not a JWS
	 * @return the JWS
	 * @throws InvalidTokenException when it is not a signed compact JWS
	 */
	static SignedJWT parse(String token, String what, TokenRejection malformed) {
		JWT parsed;
		try {
			parsed = JWTParser.parse(token);
		}
		catch (ParseException | RuntimeException ex) {
			throw new InvalidTokenException(malformed, "The " + what + " is malformed");
		}
		if (parsed instanceof EncryptedJWT) {
			throw new InvalidTokenException(malformed, "Encrypted tokens (JWE) are not accepted");
		}
		if (parsed instanceof PlainJWT) {
			throw new InvalidTokenException(
					(malformed == TokenRejection.MALFORMED) ? TokenRejection.INVALID_SIGNATURE : malformed,
					"Unsigned tokens are not accepted");
		}
		if (!(parsed instanceof SignedJWT signed)) {
			throw new InvalidTokenException(malformed, "The " + what + " is malformed");
		}
		return signed;
	}

	/** Nimbus drops an empty {@code crit} list when parsing; RFC 7515 forbids one, so read the raw header. */
	static boolean declaresCritical(SignedJWT jws) {
		if (jws.getHeader().getCriticalParams() != null && !jws.getHeader().getCriticalParams().isEmpty()) {
			return true;
		}
		String raw = jws.getHeader().getParsedBase64URL().decodeToString();
		if (!raw.contains("crit") && !raw.contains("\\u")) {
			return false;
		}
		try {
			return JSONObjectUtils.parse(raw).containsKey("crit");
		}
		catch (ParseException ex) {
			return true;
		}
	}

	static boolean isJsonObject(String json) {
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return c == '{';
			}
		}
		return false;
	}

}
