package dev.warden.internal.jwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Compares HTTP URIs as RFC 9449 §4.3 asks for {@code htu}: without query and fragment, after
 * syntax- and scheme-based normalisation (RFC 3986 §6.2.2–6.2.3): scheme and host in lower case, the
 * default port dropped, percent-encodings in upper case and decoded where they stand for unreserved
 * characters, dot segments removed, an empty path written {@code /}.
 */
final class HttpUris {

	private HttpUris() {
	}

	/**
	 * Normalises an absolute http(s) URI.
	 * @param uri the URI
	 * @return its normal form, or {@code null} when it is not an absolute http(s) URI
	 */
	static String normalize(String uri) {
		if (uri == null) {
			return null;
		}
		int end = uri.length();
		int query = uri.indexOf('?');
		int fragment = uri.indexOf('#');
		if (query >= 0) {
			end = query;
		}
		if (fragment >= 0 && fragment < end) {
			end = fragment;
		}
		URI parsed;
		try {
			parsed = new URI(percentNormalized(uri.substring(0, end)));
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return null;
		}
		String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"http".equals(scheme) && !"https".equals(scheme) || parsed.getRawAuthority() == null
				|| parsed.getHost() == null || parsed.getRawUserInfo() != null) {
			return null;
		}
		int port = parsed.getPort();
		boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		String path = parsed.normalize().getRawPath();
		if (path == null || path.isEmpty()) {
			path = "/";
		}
		return scheme + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
	}

	private static String percentNormalized(String text) {
		if (text.indexOf('%') < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
				int value = hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2));
				if (isUnreserved(value)) {
					out.append((char) value);
				}
				else {
					out.append('%').append(Character.toUpperCase(text.charAt(i + 1)))
						.append(Character.toUpperCase(text.charAt(i + 2)));
				}
				i += 2;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static int hex(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		return (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

}
