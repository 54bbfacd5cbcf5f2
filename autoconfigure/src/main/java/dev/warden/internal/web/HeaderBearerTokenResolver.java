package dev.warden.internal.web;

import java.util.Enumeration;

import dev.warden.jwt.TokenRequest;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Reads the access token from the {@code Authorization} header only (RFC 9700: tokens in the query
 * string or form body are ignored, as if absent), and not at all on public paths: with the
 * {@code Bearer} scheme, and with the {@code DPoP} scheme (RFC 9449) unless DPoP is off. The scheme
 * is recorded on the request's {@link dev.warden.jwt.TokenRequest} for the binding checks.
 * <table>
 * <caption>Answers</caption>
 * <tr><td>no header, or another scheme</td><td>no token (401 {@code Bearer} on protected paths)</td></tr>
 * <tr><td>several {@code Authorization} headers</td><td>400 {@code invalid_request}</td></tr>
 * <tr><td>{@code Bearer} or {@code DPoP} with no token</td><td>400 {@code invalid_request}</td></tr>
 * <tr><td>{@code DPoP} with several {@code DPoP} headers</td><td>400 {@code invalid_request}</td></tr>
 * <tr><td>token longer than the limit</td><td>401 {@code invalid_token}</td></tr>
 * <tr><td>characters outside RFC 6750's {@code b64token}</td><td>401 {@code invalid_token}</td></tr>
 * </table>
 */
public final class HeaderBearerTokenResolver implements BearerTokenResolver {

	private static final String BEARER = "Bearer";

	private static final String DPOP = "DPoP";

	private final RequestMatcher publicPaths;

	private final int maxTokenLength;

	private final boolean dpop;

	/**
	 * Creates a resolver of the {@code Bearer} scheme only.
	 * @param publicPaths requests on which no token is read
	 * @param maxTokenLength longest token accepted, in characters
	 */
	public HeaderBearerTokenResolver(RequestMatcher publicPaths, int maxTokenLength) {
		this(publicPaths, maxTokenLength, false);
	}

	/**
	 * Creates a resolver.
	 * @param publicPaths requests on which no token is read
	 * @param maxTokenLength longest token accepted, in characters
	 * @param dpop whether the {@code DPoP} scheme is read too
	 */
	public HeaderBearerTokenResolver(RequestMatcher publicPaths, int maxTokenLength, boolean dpop) {
		this.publicPaths = publicPaths;
		this.maxTokenLength = maxTokenLength;
		this.dpop = dpop;
	}

	/**
	 * The token of a request that uses the {@code Bearer} scheme; {@code DPoP} requests are
	 * authenticated by {@link #dpopConverter()} (Spring Security's bearer-token filter refuses
	 * DPoP-bound tokens).
	 */
	@Override
	public String resolve(HttpServletRequest request) {
		Presented presented = presented(request);
		return (presented != null && presented.scheme() == TokenRequest.Scheme.BEARER) ? presented.token() : null;
	}

	/**
	 * Whether the {@code DPoP} scheme is read.
	 * @return whether DPoP is on
	 */
	public boolean readsDPoP() {
		return this.dpop;
	}

	/**
	 * Reads the token of a request that uses the {@code DPoP} scheme, for Warden's DPoP
	 * authentication filter (Spring Security's {@code AuthenticationFilter}).
	 * @return the converter
	 */
	public AuthenticationConverter dpopConverter() {
		return (request) -> {
			Presented presented = presented(request);
			return (presented != null && presented.scheme() == TokenRequest.Scheme.DPOP)
					? new BearerTokenAuthenticationToken(presented.token()) : null;
		};
	}

	private record Presented(TokenRequest.Scheme scheme, String token) {
	}

	private Presented presented(HttpServletRequest request) {
		if (this.publicPaths.matches(request)) {
			return null;
		}
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		if (headers == null || !headers.hasMoreElements()) {
			return null;
		}
		String value = headers.nextElement();
		if (headers.hasMoreElements()) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("The request has several Authorization headers."));
		}
		value = stripTrailingWhitespace(value);
		TokenRequest.Scheme scheme = scheme(value);
		if (scheme == null) {
			return null;
		}
		ServletTokenRequest tokenRequest = ServletTokenRequest.of(request);
		if (tokenRequest != null) {
			tokenRequest.scheme(scheme);
		}
		String name = (scheme == TokenRequest.Scheme.DPOP) ? DPOP : BEARER;
		int start = name.length();
		while (start < value.length() && value.charAt(start) == ' ') {
			start++;
		}
		if (start == value.length()) {
			throw new OAuth2AuthenticationException(BearerTokenErrors
				.invalidRequest("The Authorization header names the " + name + " scheme but no token."));
		}
		if (scheme == TokenRequest.Scheme.DPOP) {
			Enumeration<String> proofs = request.getHeaders(ServletTokenRequest.DPOP_HEADER);
			if (proofs != null && proofs.hasMoreElements()) {
				proofs.nextElement();
				if (proofs.hasMoreElements()) {
					throw new OAuth2AuthenticationException(
							BearerTokenErrors.invalidRequest("The request has several DPoP headers."));
				}
			}
		}
		String token = value.substring(start);
		if (token.length() > this.maxTokenLength) {
			throw new InvalidBearerTokenException("The access token is too large.");
		}
		if (!isB64Token(token)) {
			throw new InvalidBearerTokenException("The bearer token is malformed.");
		}
		return new Presented(scheme, token);
	}

	private TokenRequest.Scheme scheme(String value) {
		if (startsWithScheme(value, BEARER)) {
			return TokenRequest.Scheme.BEARER;
		}
		return (this.dpop && startsWithScheme(value, DPOP)) ? TokenRequest.Scheme.DPOP : null;
	}

	private static boolean startsWithScheme(String value, String scheme) {
		return value.regionMatches(true, 0, scheme, 0, scheme.length())
				&& (value.length() == scheme.length() || value.charAt(scheme.length()) == ' ');
	}

	private static String stripTrailingWhitespace(String value) {
		int end = value.length();
		while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
			end--;
		}
		return value.substring(0, end);
	}

	/** RFC 6750: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
	static boolean isB64Token(String token) {
		int i = 0;
		int length = token.length();
		while (i < length && isTokenChar(token.charAt(i))) {
			i++;
		}
		if (i == 0) {
			return false;
		}
		while (i < length && token.charAt(i) == '=') {
			i++;
		}
		return i == length;
	}

	private static boolean isTokenChar(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
