package dev.warden.internal.web;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import dev.warden.jwt.TokenRequest;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
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

	private final RequestMatcher publicPaths;

	private final AuthorizationHeader header;

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
		this.header = new AuthorizationHeader(maxTokenLength, dpop);
	}

	/**
	 * The token of a request that uses the {@code Bearer} scheme; {@code DPoP} requests are
	 * authenticated by {@link #dpopConverter()} (Spring Security's bearer-token filter refuses
	 * DPoP-bound tokens).
	 */
	@Override
	public String resolve(HttpServletRequest request) {
		AuthorizationHeader.Presented presented = presented(request);
		return (presented != null && presented.scheme() == TokenRequest.Scheme.BEARER) ? presented.token() : null;
	}

	/**
	 * Whether the {@code DPoP} scheme is read.
	 * @return whether DPoP is on
	 */
	public boolean readsDPoP() {
		return this.header.readsDPoP();
	}

	/**
	 * Reads the token of a request that uses the {@code DPoP} scheme, for Warden's DPoP
	 * authentication filter (Spring Security's {@code AuthenticationFilter}).
	 * @return the converter
	 */
	public AuthenticationConverter dpopConverter() {
		return (request) -> {
			AuthorizationHeader.Presented presented = presented(request);
			return (presented != null && presented.scheme() == TokenRequest.Scheme.DPOP)
					? new BearerTokenAuthenticationToken(presented.token()) : null;
		};
	}

	/**
	 * Whether a request presents a token with the {@code DPoP} scheme: the request matcher of
	 * Warden's DPoP authentication filter. Never throws: a header that cannot be read is answered by
	 * the bearer-token filter, which reads it next.
	 * @param request the request
	 * @return whether the request is for the DPoP filter
	 */
	public boolean presentsDPoP(HttpServletRequest request) {
		try {
			AuthorizationHeader.Presented presented = presented(request);
			return presented != null && presented.scheme() == TokenRequest.Scheme.DPOP;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * What the request's {@code Authorization} header presents. Read once per request: the DPoP
	 * filter's matcher and the bearer-token filter both ask, and the answer is kept on the request's
	 * {@link ServletTokenRequest}. A header that cannot be read is not kept, so each asker gets the
	 * same exception.
	 */
	private AuthorizationHeader.Presented presented(HttpServletRequest request) {
		ServletTokenRequest tokenRequest = ServletTokenRequest.of(request);
		if (tokenRequest != null && tokenRequest.presentedRead()) {
			return tokenRequest.presented();
		}
		AuthorizationHeader.Presented presented = read(request, tokenRequest);
		if (tokenRequest != null) {
			tokenRequest.presented(presented);
		}
		return presented;
	}

	private AuthorizationHeader.Presented read(HttpServletRequest request, ServletTokenRequest tokenRequest) {
		if (this.publicPaths.matches(request)) {
			return null;
		}
		return this.header.read(values(request, HttpHeaders.AUTHORIZATION),
				() -> values(request, ServletTokenRequest.DPOP_HEADER), (scheme) -> {
					if (tokenRequest != null) {
						tokenRequest.scheme(scheme);
					}
				});
	}

	private static List<String> values(HttpServletRequest request, String name) {
		Enumeration<String> values = request.getHeaders(name);
		return (values != null) ? Collections.list(values) : List.of();
	}

}
