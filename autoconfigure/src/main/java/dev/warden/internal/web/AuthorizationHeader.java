package dev.warden.internal.web;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.warden.jwt.TokenRequest;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Reads the access token from the values of a request's {@code Authorization} header, whatever
 * the web stack: the {@code Bearer} scheme, and the {@code DPoP} scheme (RFC 9449) when DPoP is on.
 * <table>
 * <caption>Answers</caption>
 * <tr><td>no header, or another scheme</td><td>no token</td></tr>
 * <tr><td>several {@code Authorization} headers</td><td>400 {@code invalid_request}</td></tr>
 * <tr><td>{@code Bearer} or {@code DPoP} with no token</td><td>400 {@code invalid_request}</td></tr>
 * <tr><td>{@code DPoP} with several {@code DPoP} headers</td><td>400 {@code invalid_request}</td></tr>
 * <tr><td>token longer than the limit</td><td>401 {@code invalid_token}</td></tr>
 * <tr><td>characters outside RFC 6750's {@code b64token}</td><td>401 {@code invalid_token}</td></tr>
 * </table>
 */
public final class AuthorizationHeader {

	private static final String BEARER = "Bearer";

	private static final String DPOP = "DPoP";

	private final int maxTokenLength;

	private final boolean dpop;

	/**
	 * Creates the reader.
	 * @param maxTokenLength longest token accepted, in characters
	 * @param dpop whether the {@code DPoP} scheme is read too
	 */
	public AuthorizationHeader(int maxTokenLength, boolean dpop) {
		this.maxTokenLength = maxTokenLength;
		this.dpop = dpop;
	}

	/**
	 * Whether the {@code DPoP} scheme is read.
	 * @return whether DPoP is on
	 */
	public boolean readsDPoP() {
		return this.dpop;
	}

	/**
	 * A token and how it was presented.
	 *
	 * @param scheme the scheme
	 * @param token the token
	 */
	public record Presented(TokenRequest.Scheme scheme, String token) {
	}

	/**
	 * Reads the token a request presents.
	 * @param authorization every value of the {@code Authorization} header, in order
	 * @param dpopProofs every value of the {@code DPoP} header (read only under the DPoP scheme)
	 * @param schemeSeen told the scheme as soon as it is known, before any refusal of the token
	 * @return the token, or {@code null} when the request presents none
	 * @throws OAuth2AuthenticationException for a malformed request (400) or token (401)
	 */
	public Presented read(List<String> authorization, Supplier<List<String>> dpopProofs,
			Consumer<TokenRequest.Scheme> schemeSeen) {
		if (authorization == null || authorization.isEmpty()) {
			return null;
		}
		if (authorization.size() > 1) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("The request has several Authorization headers."));
		}
		String value = stripTrailingWhitespace(authorization.get(0));
		TokenRequest.Scheme scheme = scheme(value);
		if (scheme == null) {
			return null;
		}
		schemeSeen.accept(scheme);
		String name = (scheme == TokenRequest.Scheme.DPOP) ? DPOP : BEARER;
		int start = name.length();
		while (start < value.length() && value.charAt(start) == ' ') {
			start++;
		}
		if (start == value.length()) {
			throw new OAuth2AuthenticationException(BearerTokenErrors
				.invalidRequest("The Authorization header names the " + name + " scheme but no token."));
		}
		if (scheme == TokenRequest.Scheme.DPOP && dpopProofs.get().size() > 1) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("The request has several DPoP headers."));
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
