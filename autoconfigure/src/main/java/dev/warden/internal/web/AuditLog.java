package dev.warden.internal.web;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.warden.internal.Digests;
import dev.warden.internal.Scopes;
import dev.warden.jwt.TokenRequest;
import dev.warden.web.AuditLevel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * One structured line per denial on the dedicated logger {@value #LOGGER}: outcome, status,
 * reason, HTTP method, route pattern, {@code client_id}, {@code sub}, required and granted scopes,
 * and a token fingerprint (the first 8 hex characters of its SHA-256) — never the token. Values
 * taken from a token are quoted, stripped of control characters and truncated.
 */
public final class AuditLog {

	/** The logger's name. */
	public static final String LOGGER = "warden.audit";

	private static final int MAX_VALUE_LENGTH = 128;

	private final Log log;

	private final AuditLevel level;

	/**
	 * Creates an audit log.
	 * @param level the level lines are written at
	 */
	public AuditLog(AuditLevel level) {
		this(LogFactory.getLog(LOGGER), level);
	}

	AuditLog(Log log, AuditLevel level) {
		this.log = log;
		this.level = level;
	}

	private boolean enabled() {
		return switch (this.level) {
			case DEBUG -> this.log.isDebugEnabled();
			case INFO -> this.log.isInfoEnabled();
			case WARN -> this.log.isWarnEnabled();
		};
	}

	/**
	 * The request a denial is about, as an audit line names it; free of any web stack.
	 *
	 * @param method the HTTP method
	 * @param route the matched route pattern, or {@code null}
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @param tokenRequest the request as the token pipeline saw it, or {@code null}
	 */
	public record Request(String method, String route, String authorization, TokenRequest tokenRequest) {
	}

	/**
	 * Records a denial.
	 * @param request the request
	 * @param status the answer's status
	 * @param outcome the RFC 6750 error code, or {@code missing_token}
	 * @param reason the description sent to the client
	 * @param authentication the authenticated caller (403s), or {@code null}
	 * @param required the scopes the endpoint requires, or {@code null}
	 */
	public void denied(Request request, int status, String outcome, String reason, Authentication authentication,
			Collection<String> required) {
		if (!enabled()) {
			return;
		}
		StringBuilder line = new StringBuilder(256).append("outcome=").append(outcome).append(" status=").append(status);
		line.append(" reason=").append(quote(reason));
		line.append(" method=").append(quote(request.method()));
		line.append(" route=").append(quote(request.route()));
		String clientId = null;
		String subject = null;
		String granted = null;
		if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
			Map<String, Object> attributes = token.getTokenAttributes();
			clientId = stringOrNull(attributes.get("client_id"));
			subject = stringOrNull(attributes.get("sub"));
			granted = String.join(" ", Scopes.granted(authentication.getAuthorities()));
		}
		line.append(" client_id=").append(quote(clientId));
		line.append(" sub=").append(quote(subject));
		line.append(" required=").append(quote((required != null) ? String.join(" ", required) : null));
		line.append(" granted=").append(quote(granted));
		line.append(" token=").append(fingerprintOfHeader(request.authorization()));
		TokenRequest tokenRequest = request.tokenRequest();
		if (tokenRequest != null && tokenRequest.issuer() != null) {
			// the configured name of the trusted issuer the token was routed to, never the raw iss
			line.append(" issuer=").append(tokenRequest.issuer());
		}
		if (tokenRequest != null && tokenRequest.scheme() == TokenRequest.Scheme.DPOP) {
			List<String> proofs = tokenRequest.dpopProofs();
			line.append(" scheme=DPoP proof=").append((proofs.size() == 1) ? fingerprint(proofs.get(0)) : "-");
		}
		switch (this.level) {
			case DEBUG -> this.log.debug(line);
			case INFO -> this.log.info(line);
			case WARN -> this.log.warn(line);
		}
	}

	private static String stringOrNull(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/**
	 * The fingerprint of a request's bearer token: the first 8 hex characters of its SHA-256, or
	 * {@code -} when there is none.
	 * @param header the {@code Authorization} header, or {@code null}
	 * @return the fingerprint
	 */
	static String fingerprintOfHeader(String header) {
		int start;
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			start = 7;
		}
		else if (header != null && header.regionMatches(true, 0, "DPoP ", 0, 5)) {
			start = 5;
		}
		else {
			return "-";
		}
		String token = header.substring(start).trim();
		if (token.isEmpty()) {
			return "-";
		}
		return fingerprint(token);
	}

	/**
	 * The fingerprint of a token.
	 * @param token the token
	 * @return the first 8 hex characters of its SHA-256
	 */
	public static String fingerprint(String token) {
		return Digests.fingerprint(token);
	}

	static String quote(String value) {
		if (value == null || value.isEmpty()) {
			return "-";
		}
		StringBuilder quoted = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH) + 2).append('"');
		for (int i = 0; i < value.length() && i < MAX_VALUE_LENGTH; i++) {
			char c = value.charAt(i);
			quoted.append((c < 0x20 || c == 0x7f || c == '"' || c == '\\') ? '_' : c);
		}
		if (value.length() > MAX_VALUE_LENGTH) {
			quoted.append("...");
		}
		return quoted.append('"').toString();
	}

}
