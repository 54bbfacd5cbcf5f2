package dev.warden.internal.revocation;

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
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;

/**
 * The push endpoint of RFC 8935, free of any web stack: a transmitter {@code POST}s one Security
 * Event Token, Warden verifies it, acts on its events and answers 202; a SET it refuses is
 * answered 400 with {@code {"err": …, "description": …}} and changes nothing. A body over the size
 * limit, a wrong media type or a wrong shared secret is refused before anything is parsed. Never a
 * 5xx; the SET's text is never logged, only a fingerprint. The servlet filter and the reactive one
 * read the request and write the {@link Answer}.
 * <p>
 * {@link #receive} may fetch the transmitter's keys and reach the shared store: a reactive caller
 * runs it off the event loop.
 */
public final class PushReceiver {

	private static final Log logger = LogFactory.getLog(PushReceiver.class);

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
	public PushReceiver(String path, SecurityEventTokenVerifier verifier, SecurityEvents events, String authorization,
			int maxBytes, Duration dedupWindow, RevocationListener listener) {
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
	 * The largest body accepted.
	 * @return the limit in bytes
	 */
	public int maxBytes() {
		return this.maxBytes;
	}

	/**
	 * The answer to a request that is refused before its body is read.
	 * @param method the request method
	 * @param authorizationHeader the {@code Authorization} header, or {@code null}
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @param declaredLength the declared body length, or a negative number when not declared
	 * @return the answer, or {@code null} when the body is to be read and {@link #receive}d
	 */
	public Answer refusal(String method, String authorizationHeader, String contentType, long declaredLength) {
		if (!"POST".equals(method)) {
			return new Answer(405, Map.of(HttpHeaders.ALLOW, "POST"), null);
		}
		if (this.authorization != null && !authorized(authorizationHeader)) {
			this.listener.pushed("authentication_failed");
			// the scheme only, and only a scheme Warden knows: never any part of the secret
			String scheme = this.authorization.regionMatches(true, 0, "Basic ", 0, 6) ? "Basic" : "Bearer";
			return new Answer(401, Map.of(HttpHeaders.WWW_AUTHENTICATE, scheme + " realm=\"ssf-receiver\""), null);
		}
		if (contentType == null || !contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)
			.equals("application/" + SecurityEventTokenVerifier.TYPE)) {
			return refuse(new PushRejectedException("invalid_request",
					"The body must be one SET, of media type application/secevent+jwt"));
		}
		if (declaredLength > this.maxBytes) {
			return tooLarge();
		}
		return null;
	}

	/**
	 * The answer to a request whose body has been read.
	 * @param body the body, or {@code null} when it was larger than {@link #maxBytes()}
	 * @return the answer
	 */
	public Answer receive(byte[] body) {
		if (body == null || body.length > this.maxBytes) {
			return tooLarge();
		}
		String set = new String(body, StandardCharsets.UTF_8);
		SecurityEventTokenVerifier.Verified verified;
		try {
			verified = this.verifier.verify(set);
		}
		catch (RuntimeException ex) {
			// e.g. a key source of the application's own that throws: the transmitter may retry
			return refuse(new PushRejectedException("invalid_key", "The transmitter's keys cannot be used now"));
		}
		catch (PushRejectedException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Refused a pushed SET (" + Digests.fingerprint(set) + "): " + ex.code() + ", "
						+ ex.getMessage());
			}
			return refuse(ex);
		}
		String id = verified.issuer() + '\u0000' + verified.id();
		if (this.seen.asMap().putIfAbsent(id, Boolean.TRUE) != null) {
			this.listener.pushed("duplicate");
			return new Answer(202, Map.of(), null);
		}
		List<String> done;
		try {
			done = this.events.handle(verified);
		}
		catch (RuntimeException ex) {
			// never a 5xx: the transmitter is told, and may deliver the SET again
			this.seen.invalidate(id);
			logger.warn("A pushed SET (" + Digests.fingerprint(set) + ") could not be processed: " + ex);
			return refuse(new PushRejectedException("invalid_request", "The SET could not be processed"));
		}
		this.listener.pushed("accepted");
		if (logger.isDebugEnabled()) {
			logger.debug("Accepted a pushed SET (" + Digests.fingerprint(set) + "): " + String.join("; ", done));
		}
		return new Answer(202, Map.of(), null);
	}

	private boolean authorized(String header) {
		return header != null && Digests.constantTimeEquals(header, this.authorization);
	}

	private Answer tooLarge() {
		return refuse(new PushRejectedException("invalid_request", "The SET is larger than this receiver accepts"));
	}

	private Answer refuse(PushRejectedException ex) {
		this.listener.pushed(ex.code());
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("err", ex.code());
		error.put("description", ex.getMessage());
		byte[] json = Json.write(new StringBuilder(128), error).toString().getBytes(StandardCharsets.UTF_8);
		return new Answer(400, Map.of(HttpHeaders.CONTENT_TYPE, "application/json"), json);
	}

	/**
	 * An answer of the push endpoint.
	 *
	 * @param status the status
	 * @param headers its headers
	 * @param body its body, or {@code null} for none
	 */
	public record Answer(int status, Map<String, String> headers, byte[] body) {
	}

}
