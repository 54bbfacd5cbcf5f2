package dev.warden.internal;

import java.net.URI;
import java.util.Locale;

/**
 * Checks of configured http(s) addresses. Internal: not part of Warden's API.
 */
public final class HttpUrls {

	private HttpUrls() {
	}

	/**
	 * Whether a URI is absolute, with the scheme http or https and a host.
	 * @param uri the URI
	 * @return whether Warden may call it
	 */
	public static boolean isHttp(URI uri) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
	}

}
