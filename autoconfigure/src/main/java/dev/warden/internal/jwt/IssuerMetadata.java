package dev.warden.internal.jwt;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import dev.warden.internal.HttpUrls;

/**
 * Discovers an issuer's metadata: RFC 8414 ({@code /.well-known/oauth-authorization-server},
 * inserted before the issuer's path), then OpenID Connect Discovery
 * ({@code /.well-known/openid-configuration}, appended to the issuer). The document's
 * {@code issuer} must equal the configured issuer exactly. A successful answer is kept; a failed
 * one is retried on the next call.
 */
public final class IssuerMetadata {

	private final String issuer;

	private final HttpFetcher fetcher;

	private volatile Map<String, Object> metadata;

	/**
	 * Creates a resolver.
	 * @param issuer the expected issuer
	 * @param fetcher the HTTP fetcher
	 */
	public IssuerMetadata(String issuer, HttpFetcher fetcher) {
		this.issuer = issuer;
		this.fetcher = fetcher;
	}

	/**
	 * Returns the metadata, fetching it on the first call.
	 * @return the metadata document
	 * @throws IOException when no location answers with matching metadata
	 */
	public Map<String, Object> get() throws IOException {
		Map<String, Object> current = this.metadata;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.metadata == null) {
				this.metadata = fetch();
			}
			return this.metadata;
		}
	}

	/**
	 * Returns a URI-valued member of the metadata.
	 * @param name the member, e.g. {@code jwks_uri}
	 * @return the URI
	 * @throws IOException when the metadata cannot be fetched or lacks the member
	 */
	public URI uri(String name) throws IOException {
		Object value = get().get(name);
		if (!(value instanceof String text) || text.isBlank()) {
			throw new IOException("Metadata of issuer " + this.issuer + " has no " + name);
		}
		URI uri;
		try {
			uri = URI.create(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IOException("Metadata of issuer " + this.issuer + " has an invalid " + name, ex);
		}
		if (!HttpUrls.isHttp(uri)) {
			throw new IOException("Metadata of issuer " + this.issuer + " has a " + name
					+ " that is not an absolute http(s) URI: " + text);
		}
		return uri;
	}

	private Map<String, Object> fetch() throws IOException {
		List<String> failures = new ArrayList<>();
		for (URI location : locations(this.issuer)) {
			Resource resource;
			try {
				resource = this.fetcher.get(location);
			}
			catch (IOException ex) {
				failures.add(ex.getMessage());
				continue;
			}
			Map<String, Object> document;
			try {
				document = JSONObjectUtils.parse(resource.getContent());
			}
			catch (ParseException ex) {
				failures.add(location + " is not a JSON object");
				continue;
			}
			Object advertised = document.get("issuer");
			if (!this.issuer.equals(advertised)) {
				throw new IOException("Metadata at " + location + " names issuer '" + advertised
						+ "', which does not equal the configured issuer '" + this.issuer + "'");
			}
			return document;
		}
		throw new IOException("No metadata for issuer " + this.issuer + ": " + String.join("; ", failures));
	}

	/**
	 * The metadata locations of an issuer, in the order they are tried.
	 * @param issuer the issuer
	 * @return the locations
	 */
	public static List<URI> locations(String issuer) {
		URI uri = URI.create(issuer);
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String origin = uri.getScheme() + "://" + uri.getRawAuthority();
		return List.of(URI.create(origin + "/.well-known/oauth-authorization-server" + trimmed),
				URI.create(origin + trimmed + "/.well-known/openid-configuration"));
	}

}
