package dev.warden.internal.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.internal.Digests;
import dev.warden.internal.Json;
import dev.warden.revocation.RevocationListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The push endpoint of RFC 8935: a transmitter {@code POST}s one Security Event Token, Warden
 * verifies it, acts on its events and answers 202; a SET it refuses is answered 400 with
 * {@code {"err": …, "description": …}} and changes nothing. A body over the size limit, a wrong
 * media type or a wrong shared secret is refused before anything is parsed. Never a 5xx; the SET's
 * text is never logged, only a fingerprint.
 */
public final class PushReceiverFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(PushReceiverFilter.class);

	private final String path;

	private final SecurityEventTokenVerifier verifier;

	private final SecurityEvents events;

	private final String authorization;

	private final int maxBytes;

	private final RevocationListener listener;

	/** SETs already handled, by issuer and jti: a retried delivery is acknowledged, not re-applied. */
	private final Cache<String, Boolean> seen;

	/**
	 * Creates the endpoint.
	 * @param path the request path, e.g. {@code /ssf/events}
	 * @param verifier verifies SETs
	 * @param events acts on their events
	 * @param authorization the exact {@code Authorization} header the transmitter must send, or
	 * {@code null} for none
	 * @param maxBytes the largest body accepted
	 * @param dedupWindow how long a SET's {@code jti} is remembered
	 * @param listener told about each push
	 */
	public PushReceiverFilter(String path, SecurityEventTokenVerifier verifier, SecurityEvents events,
			String authorization, int maxBytes, Duration dedupWindow, RevocationListener listener) {
		this.path = path;
		this.verifier = verifier;
		this.events = events;
		this.authorization = authorization;
		this.maxBytes = maxBytes;
		this.listener = listener;
		this.seen = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(dedupWindow).build();
	}

	/**
	 * The endpoint's path.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Whether a request is for this endpoint.
	 * @param request the request
	 * @return whether its path (within the context) is the endpoint's
	 */
	public boolean matches(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return uri != null && uri.length() >= context.length() && uri.substring(context.length()).equals(this.path);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"POST".equals(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, "POST");
			response.setStatus(405);
			response.flushBuffer();
			return;
		}
		if (this.authorization != null && !authorized(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			this.listener.pushed("authentication_failed");
			// the scheme only, and only a scheme Warden knows: never any part of the secret
			String scheme = this.authorization.regionMatches(true, 0, "Basic ", 0, 6) ? "Basic" : "Bearer";
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, scheme + " realm=\"ssf-receiver\"");
			response.setStatus(401);
			response.flushBuffer();
			return;
		}
		String contentType = request.getContentType();
		if (contentType == null || !contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)
			.equals("application/" + SecurityEventTokenVerifier.TYPE)) {
			refuse(response, new PushRejectedException("invalid_request",
					"The body must be one SET, of media type application/secevent+jwt"));
			return;
		}
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			refuse(response, new PushRejectedException("invalid_request", "The SET is larger than this receiver accepts"));
			return;
		}
		byte[] body = read(request.getInputStream());
		if (body == null) {
			refuse(response, new PushRejectedException("invalid_request", "The SET is larger than this receiver accepts"));
			return;
		}
		String set = new String(body, StandardCharsets.UTF_8);
		SecurityEventTokenVerifier.Verified verified;
		try {
			verified = this.verifier.verify(set);
		}
		catch (RuntimeException ex) {
			// e.g. a key source of the application's own that throws: the transmitter may retry
			refuse(response, new PushRejectedException("invalid_key", "The transmitter's keys cannot be used now"));
			return;
		}
		catch (PushRejectedException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Refused a pushed SET (" + Digests.fingerprint(set) + "): " + ex.code() + ", "
						+ ex.getMessage());
			}
			refuse(response, ex);
			return;
		}
		String id = verified.issuer() + '\u0000' + verified.id();
		if (this.seen.asMap().putIfAbsent(id, Boolean.TRUE) != null) {
			this.listener.pushed("duplicate");
			accept(response);
			return;
		}
		List<String> done;
		try {
			done = this.events.handle(verified);
		}
		catch (RuntimeException ex) {
			// never a 5xx: the transmitter is told, and may deliver the SET again
			this.seen.invalidate(id);
			logger.warn("A pushed SET (" + Digests.fingerprint(set) + ") could not be processed: " + ex);
			refuse(response, new PushRejectedException("invalid_request", "The SET could not be processed"));
			return;
		}
		this.listener.pushed("accepted");
		if (logger.isDebugEnabled()) {
			logger.debug("Accepted a pushed SET (" + Digests.fingerprint(set) + "): " + String.join("; ", done));
		}
		accept(response);
	}

	private boolean authorized(String header) {
		return header != null && Digests.constantTimeEquals(header, this.authorization);
	}

	/** The body, or {@code null} when it is larger than the limit. */
	private byte[] read(InputStream in) throws IOException {
		byte[] body = in.readNBytes(this.maxBytes + 1);
		return (body.length > this.maxBytes) ? null : body;
	}

	private static void accept(HttpServletResponse response) throws IOException {
		response.setStatus(202);
		response.flushBuffer();
	}

	private void refuse(HttpServletResponse response, PushRejectedException ex) throws IOException {
		this.listener.pushed(ex.code());
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("err", ex.code());
		error.put("description", ex.getMessage());
		byte[] json = Json.write(new StringBuilder(128), error).toString().getBytes(StandardCharsets.UTF_8);
		response.setStatus(400);
		response.setContentType("application/json");
		response.setContentLength(json.length);
		response.getOutputStream().write(json);
		response.flushBuffer();
	}

}
