package dev.warden.internal.web;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.util.function.SingletonSupplier;

/**
 * The service's OAuth 2.0 Protected Resource Metadata (RFC 9728): what it is, who issues its
 * tokens, which scopes its endpoints declare, and which sender constraints it supports — never
 * more than Warden enforces. Built with Spring Security's {@link OAuth2ProtectedResourceMetadata}
 * (its claim names and checks); served by {@link ResourceMetadataEndpoint}; named by the
 * {@code resource_metadata} parameter of every 401 challenge.
 */
public final class ResourceMetadata {

	/** The well-known path (RFC 9728 §3). */
	public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

	private final URI resource;

	private final List<String> authorizationServers;

	private final Supplier<Collection<String>> scopes;

	private final List<String> dpopAlgorithms;

	private final boolean dpopRequired;

	private final boolean certificateBoundTokens;

	/**
	 * Creates the metadata.
	 * @param resource the resource identifier, or {@code null} for the request's origin
	 * @param authorizationServers the issuers whose tokens are accepted
	 * @param scopes the scopes the endpoints declare (read once, on first use)
	 * @param dpopAlgorithms the algorithms DPoP proofs may use, or empty when DPoP is off
	 * @param dpopRequired whether only DPoP-bound tokens are accepted
	 * @param certificateBoundTokens whether certificate-bound tokens can be presented (mutual TLS or a
	 * trusted proxy header is configured)
	 */
	public ResourceMetadata(URI resource, List<String> authorizationServers, Supplier<Collection<String>> scopes,
			List<String> dpopAlgorithms, boolean dpopRequired, boolean certificateBoundTokens) {
		this.resource = resource;
		this.authorizationServers = authorizationServers.stream().filter(ResourceMetadata::isUrl).toList();
		this.scopes = SingletonSupplier.of(() -> List.copyOf(new TreeSet<>(scopes.get())));
		this.dpopAlgorithms = List.copyOf(dpopAlgorithms);
		this.dpopRequired = dpopRequired;
		this.certificateBoundTokens = certificateBoundTokens;
	}

	/**
	 * The path, inside the application, where the document is served: the well-known path, followed
	 * by the configured resource's path (RFC 9728 §3.1).
	 * @param contextPath the application's context path (empty for none)
	 * @return the path, context path included
	 */
	public String documentPath(String contextPath) {
		return contextPath + WELL_KNOWN + resourcePath();
	}

	private String resourcePath() {
		if (this.resource == null || this.resource.getRawPath() == null || this.resource.getRawPath().equals("/")) {
			return "";
		}
		return this.resource.getRawPath();
	}

	/**
	 * The URL of the document, for the {@code resource_metadata} challenge parameter.
	 * @param origin the origin of the request being answered, e.g. {@code https://api.example.com}
	 * @param contextPath the application's context path (empty for none)
	 * @return the URL
	 */
	public String url(String origin, String contextPath) {
		if (this.resource != null) {
			return this.resource.getScheme() + "://" + this.resource.getRawAuthority() + WELL_KNOWN + resourcePath();
		}
		return origin + contextPath + WELL_KNOWN;
	}

	/**
	 * The document's members for a request.
	 * @param origin the origin of the request for the document
	 * @param contextPath the application's context path (empty for none)
	 * @return the members
	 * @throws IllegalArgumentException when the origin does not make a URL
	 */
	public Map<String, Object> claims(String origin, String contextPath) {
		String identifier = (this.resource != null) ? this.resource.toString() : origin + contextPath;
		OAuth2ProtectedResourceMetadata.Builder builder = OAuth2ProtectedResourceMetadata.builder()
			.resource(identifier)
			.bearerMethod("header")
			.tlsClientCertificateBoundAccessTokens(this.certificateBoundTokens);
		this.authorizationServers.forEach(builder::authorizationServer);
		this.scopes.get().forEach(builder::scope);
		// RFC 9728 §2 lists the members; Spring's builder keeps them in insertion order
		if (!this.dpopAlgorithms.isEmpty()) {
			builder.claim("dpop_signing_alg_values_supported", this.dpopAlgorithms);
			builder.claim("dpop_bound_access_tokens_required", this.dpopRequired);
		}
		return builder.build().getClaims();
	}

	/**
	 * The origin of a request, as its URL starts: the default port left out, an IPv6 address in
	 * brackets.
	 * @param scheme {@code http} or {@code https}
	 * @param host the host the request names
	 * @param port the port, or a negative number when unknown
	 * @return the origin
	 */
	public static String origin(String scheme, String host, int port) {
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443) || port < 0;
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		return scheme + "://" + host + (defaultPort ? "" : ":" + port);
	}

	private static boolean isUrl(String value) {
		try {
			URI uri = new URI(value);
			return uri.isAbsolute() && uri.getHost() != null && uri.toURL() != null;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
