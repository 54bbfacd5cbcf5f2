package dev.warden.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.warden.internal.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Serves the RFC 9728 document at its well-known path: public (no token read) and cacheable. Other
 * paths under {@code /.well-known/oauth-protected-resource} answer 404, and so does every one of them
 * when the document is switched off: Spring Security's own metadata filter further down the chain
 * would otherwise publish a document that claims support Warden does not give. Answered by
 * {@link TokenRequestFilter}, before the request reaches any token reading, so that serving it costs
 * the chain no filter of its own.
 */
public final class ResourceMetadataEndpoint {

	private static final String CACHE_CONTROL = "public, max-age=3600";

	private final ResourceMetadata metadata;

	/**
	 * Creates the filter.
	 * @param metadata the document, or {@code null} when switched off
	 */
	public ResourceMetadataEndpoint(ResourceMetadata metadata) {
		this.metadata = metadata;
	}

	/**
	 * The origin of a servlet request.
	 * @param request the request
	 * @return its scheme, host and port as a URL starts
	 */
	static String origin(HttpServletRequest request) {
		return ResourceMetadata.origin(request.getScheme(), request.getServerName(), request.getServerPort());
	}

	/**
	 * Whether a request is for a path under {@code /.well-known/oauth-protected-resource}.
	 * @param request the request
	 * @return whether this endpoint answers it
	 */
	public static boolean isWellKnown(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String path = (uri != null) ? uri.substring(Math.min(uri.length(), request.getContextPath().length())) : "";
		return path.equals(ResourceMetadata.WELL_KNOWN) || path.startsWith(ResourceMetadata.WELL_KNOWN + "/");
	}

	/**
	 * Answers a request for a path under the well-known prefix: the document, or 404, 405 or 400.
	 * @param request the request ({@link #isWellKnown} holds)
	 * @param response its response
	 * @throws IOException when the answer cannot be written
	 */
	void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (this.metadata == null || !request.getRequestURI().equals(this.metadata.documentPath(request.getContextPath()))) {
			response.sendError(HttpStatus.NOT_FOUND.value());
			return;
		}
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
			response.sendError(HttpStatus.METHOD_NOT_ALLOWED.value());
			return;
		}
		Map<String, Object> claims;
		try {
			claims = this.metadata.claims(origin(request), request.getContextPath());
		}
		catch (IllegalArgumentException ex) {
			// the request's Host does not make a URL: a resource identifier cannot be named
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		byte[] body = Json.write(new StringBuilder(256), claims).toString().getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpStatus.OK.value());
		response.setContentType("application/json");
		response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
		response.setContentLength(body.length);
		if ("GET".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
		response.flushBuffer();
	}

}
