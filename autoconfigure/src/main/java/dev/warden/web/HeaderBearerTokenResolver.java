package dev.warden.web;

import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Reads the bearer token from the {@code Authorization} header only (RFC 9700: tokens in the query
 * string or form body are ignored, as if absent), and not at all on public paths.
 * <table>
 * <caption>Answers</caption>
 * <tr><td>no header, or another scheme</td><td>no token (401 {@code Bearer} on protected paths)</td></tr>
 * <tr><td>several {@code Authorization} headers</td><td>400 {@code invalid_request}</td></tr>
 * <tr><td>{@code Bearer} with no token</td><td>400 {@code invalid_request}</td></tr>
 * <tr><td>token longer than the limit</td><td>401 {@code invalid_token}</td></tr>
 * <tr><td>characters outside RFC 6750's {@code b64token}</td><td>401 {@code invalid_token}</td></tr>
 * </table>
 */
public final class HeaderBearerTokenResolver implements BearerTokenResolver {

	private static final String SCHEME = "Bearer";

	private final RequestMatcher publicPaths;

	private final int maxTokenLength;

	/**
	 * Creates a resolver.
	 * @param publicPaths requests on which no token is read
	 * @param maxTokenLength longest token accepted, in characters
	 */
	public HeaderBearerTokenResolver(RequestMatcher publicPaths, int maxTokenLength) {
		this.publicPaths = publicPaths;
		this.maxTokenLength = maxTokenLength;
	}

	@Override
	public String resolve(HttpServletRequest request) {
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
		if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return null;
		}
		if (value.length() > SCHEME.length() && value.charAt(SCHEME.length()) != ' ') {
			return null;
		}
		int start = SCHEME.length();
		while (start < value.length() && value.charAt(start) == ' ') {
			start++;
		}
		if (start == value.length()) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("The Authorization header names the Bearer scheme but no token."));
		}
		String token = value.substring(start);
		if (token.length() > this.maxTokenLength) {
			throw new InvalidBearerTokenException("The access token is too large.");
		}
		if (!isB64Token(token)) {
			throw new InvalidBearerTokenException("The bearer token is malformed.");
		}
		return token;
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
