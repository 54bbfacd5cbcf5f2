package dev.warden.security.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Mutates a token the way a fuzzer or an attacker would: bit flips, inserted, replaced, deleted
 * and duplicated characters, case changes, truncation, swapped/dropped/duplicated segments,
 * padding and the standard base64 alphabet, non-canonical trailing bits, and re-encoded headers
 * and payloads whose JSON was changed (keeping the original signature). Each call applies one to
 * three operators and records their names.
 */
final class TokenMutator {

	private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private static final String SPECIAL = ".=~+/ \t\"',;:\\%$#!*()[]{}<>?&|^`@\u0000\u0001\u007f";

	private final Random random;

	private final boolean httpSafe;

	private final List<String> applied = new ArrayList<>();

	/**
	 * @param random the source of randomness
	 * @param httpSafe whether the result must be sendable as one header line (no CR/LF, only ISO-8859-1)
	 */
	TokenMutator(Random random, boolean httpSafe) {
		this.random = random;
		this.httpSafe = httpSafe;
	}

	String mutate(String token) {
		this.applied.clear();
		String result = token;
		int operations = 1 + this.random.nextInt(3);
		for (int i = 0; i < operations; i++) {
			result = once(result);
		}
		return result;
	}

	List<String> applied() {
		return List.copyOf(this.applied);
	}

	private String once(String t) {
		if (t.isEmpty()) {
			this.applied.add("insert-into-empty");
			return String.valueOf(randomChar());
		}
		int op = this.random.nextInt(20);
		int at = this.random.nextInt(t.length());
		switch (op) {
			case 0, 1 -> {
				this.applied.add("flip-bit");
				int bit = this.random.nextInt(this.httpSafe ? 8 : 16);
				char flipped = (char) (t.charAt(at) ^ (1 << bit));
				if (this.httpSafe && (flipped == '\r' || flipped == '\n' || flipped > 0xFF)) {
					flipped = 'A';
				}
				return t.substring(0, at) + flipped + t.substring(at + 1);
			}
			case 2, 3 -> {
				this.applied.add("replace-char");
				return t.substring(0, at) + randomChar() + t.substring(at + 1);
			}
			case 4, 5 -> {
				this.applied.add("insert-char");
				return t.substring(0, at) + randomChar() + t.substring(at);
			}
			case 6 -> {
				this.applied.add("delete-char");
				return t.substring(0, at) + t.substring(at + 1);
			}
			case 7 -> {
				this.applied.add("delete-range");
				int end = Math.min(t.length(), at + 1 + this.random.nextInt(40));
				return t.substring(0, at) + t.substring(end);
			}
			case 8 -> {
				this.applied.add("duplicate-range");
				int end = Math.min(t.length(), at + 1 + this.random.nextInt(40));
				return t.substring(0, end) + t.substring(at, end) + t.substring(end);
			}
			case 9 -> {
				this.applied.add("flip-case");
				char c = t.charAt(at);
				char other = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
				return t.substring(0, at) + other + t.substring(at + 1);
			}
			case 10 -> {
				this.applied.add("truncate");
				return t.substring(0, at);
			}
			case 11 -> {
				this.applied.add("segments");
				return segments(t);
			}
			case 12 -> {
				this.applied.add("pad");
				return pad(t);
			}
			case 13 -> {
				this.applied.add("standard-alphabet");
				return t.replace('-', '+').replace('_', '/');
			}
			case 14 -> {
				this.applied.add("non-canonical-tail");
				return nonCanonicalTail(t);
			}
			case 15, 16 -> {
				this.applied.add("reencode-header");
				return reencode(t, 0);
			}
			case 17, 18 -> {
				this.applied.add("reencode-payload");
				return reencode(t, 1);
			}
			default -> {
				this.applied.add("whitespace");
				String ws = this.random.nextBoolean() ? " " : "\t";
				return this.random.nextBoolean() ? t + ws : (this.random.nextBoolean() ? ws + t
						: t.substring(0, at) + ws + t.substring(at));
			}
		}
	}

	private char randomChar() {
		int kind = this.random.nextInt(10);
		if (kind < 5) {
			return B64URL.charAt(this.random.nextInt(B64URL.length()));
		}
		if (kind < 8) {
			return SPECIAL.charAt(this.random.nextInt(SPECIAL.length()));
		}
		if (kind < 9) {
			return (char) (0x80 + this.random.nextInt(0x80));
		}
		return this.httpSafe ? (char) (0x20 + this.random.nextInt(0x5f)) : (char) this.random.nextInt(0x3000);
	}

	private String segments(String t) {
		String[] p = t.split("\\.", -1);
		int choice = this.random.nextInt(6);
		List<String> parts = new ArrayList<>(List.of(p));
		switch (choice) {
			case 0 -> {
				if (parts.size() > 1) {
					int a = this.random.nextInt(parts.size());
					int b = this.random.nextInt(parts.size());
					String tmp = parts.get(a);
					parts.set(a, parts.get(b));
					parts.set(b, tmp);
				}
			}
			case 1 -> parts.remove(this.random.nextInt(parts.size()));
			case 2 -> parts.add(this.random.nextInt(parts.size() + 1), parts.get(this.random.nextInt(parts.size())));
			case 3 -> parts.add(this.random.nextInt(parts.size() + 1), "");
			case 4 -> parts.set(this.random.nextInt(parts.size()), "");
			default -> {
				return t + "." + t;
			}
		}
		return String.join(".", parts);
	}

	private String pad(String t) {
		String[] p = t.split("\\.", -1);
		int i = this.random.nextInt(p.length);
		p[i] = p[i] + "=".repeat(1 + this.random.nextInt(3));
		return String.join(".", p);
	}

	private String nonCanonicalTail(String t) {
		String[] p = t.split("\\.", -1);
		int i = this.random.nextInt(p.length);
		if (p[i].isEmpty()) {
			return t;
		}
		char last = p[i].charAt(p[i].length() - 1);
		int value = B64URL.indexOf(last);
		if (value < 0) {
			return t;
		}
		int unused = switch (p[i].length() % 4) {
			case 2 -> 4;
			case 3 -> 2;
			default -> 0;
		};
		if (unused == 0) {
			return t;
		}
		int changed = value ^ (1 + this.random.nextInt((1 << unused) - 1));
		p[i] = p[i].substring(0, p[i].length() - 1) + B64URL.charAt(changed);
		return String.join(".", p);
	}

	private static final String[] HEADER_EDITS = { "\"alg\":\"none\"", "\"alg\":\"None\"", "\"alg\":\"HS256\"",
			"\"alg\":\"RS512\"", "\"alg\":\"ES256\"", "\"alg\":\"PS256\"", "\"alg\":\"\"", "\"crit\":[\"x\"]",
			"\"jku\":\"http://127.0.0.1:1/\"", "\"typ\":\"dpop+jwt\"", "\"cty\":\"JWT\"", "\"kid\":\"../../etc/passwd\"",
			"\"kid\":null", "\"zip\":\"DEF\"", "\"b64\":false" };

	private static final String[] PAYLOAD_EDITS = { "\"scope\":\"data:read data:write admin\"", "\"sub\":\"admin\"",
			"\"aud\":\"billing-api\"", "\"aud\":[\"orders-api\",\"billing-api\"]", "\"exp\":99999999999", "\"exp\":1",
			"\"iss\":\"http://127.0.0.1:1\"", "\"nbf\":null", "\"exp\":1e30", "\"aud\":[\"orders-api\",null]",
			"\"scope\":[\"data:read\",1]" };

	/** Decodes a segment, changes its JSON (keeping it valid where possible) and re-encodes it. */
	private String reencode(String t, int index) {
		String[] p = t.split("\\.", -1);
		if (p.length <= index) {
			return t;
		}
		String json;
		try {
			json = new String(Base64.getUrlDecoder().decode(p[index]), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return t;
		}
		String[] edits = (index == 0) ? HEADER_EDITS : PAYLOAD_EDITS;
		String changed = switch (this.random.nextInt(5)) {
			case 0 -> json.replaceFirst("\\{", "{ ");
			case 1 -> json.replaceFirst("\\{", "{" + edits[this.random.nextInt(edits.length)] + ",");
			case 2 -> json.replaceFirst("}$", "," + edits[this.random.nextInt(edits.length)] + "}");
			case 3 -> json + " ";
			default -> json.replaceFirst("\"(\\w+)\":", "\"$1\" :");
		};
		p[index] = Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8));
		return String.join(".", p);
	}

}
