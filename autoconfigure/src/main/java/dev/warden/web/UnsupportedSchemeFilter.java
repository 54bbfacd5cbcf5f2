package dev.warden.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hides an {@code Authorization: DPoP …} header from the rest of the chain. Spring Security 7
 * adds its own DPoP filter (RFC 9449) whenever it is on the classpath, with its own error answers
 * and a 500 on infrastructure failures; Warden does not support DPoP-bound tokens, so such a
 * request is treated like any other unknown scheme: as carrying no bearer token (401
 * {@code Bearer} on protected paths, untouched on public ones).
 */
public final class UnsupportedSchemeFilter extends OncePerRequestFilter {

	private static final String DPOP = "DPoP";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, DPOP, 0, DPOP.length())
				&& (authorization.length() == DPOP.length() || authorization.charAt(DPOP.length()) == ' ')) {
			chain.doFilter(new WithoutAuthorization(request), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static final class WithoutAuthorization extends HttpServletRequestWrapper {

		WithoutAuthorization(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
					: super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(Collections.list(super.getHeaderNames())
				.stream()
				.filter((name) -> !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name))
				.toList());
		}

	}

}
