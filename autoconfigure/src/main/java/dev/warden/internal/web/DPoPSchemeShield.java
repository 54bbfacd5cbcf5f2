package dev.warden.internal.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps Spring Security's own DPoP filter away from requests that Warden handles: Spring Security
 * 7 adds it to every resource-server chain, with its own answers, a JVM-wide replay map and a 500
 * on infrastructure failures. Warden authenticates {@code Authorization: DPoP} requests in the
 * bearer-token filter (or, with DPoP off, treats them as carrying no token); the {@link #hide()}
 * filter, placed after that filter, hides such a header until the {@link #reveal()} filter, placed
 * after Spring Security's DPoP filter, gives the application the original request back.
 */
public final class DPoPSchemeShield {

	private static final String DPOP = "DPoP";

	private DPoPSchemeShield() {
	}

	public static OncePerRequestFilter hide() {
		return new Shield(true);
	}

	public static OncePerRequestFilter reveal() {
		return new Shield(false);
	}

	/**
	 * Takes Spring Security's DPoP filter, and the two shields around it, out of a chain built with
	 * them: in Warden's own chain the shields have nothing else to do, and each filter the chain
	 * does not need costs every request its observation. The chain is returned unchanged unless
	 * exactly one filter, Spring Security's generic {@link AuthenticationFilter}, stands between them.
	 * @param filters the chain's filters
	 * @return the filters to keep
	 */
	public static List<Filter> withoutSpringDPoP(List<Filter> filters) {
		int hide = -1;
		int reveal = -1;
		for (int i = 0; i < filters.size(); i++) {
			if (filters.get(i) instanceof Shield shield) {
				if (shield.hides && hide < 0) {
					hide = i;
				}
				else if (!shield.hides && hide >= 0 && reveal < 0) {
					reveal = i;
				}
			}
		}
		if (hide < 0 || reveal != hide + 2 || filters.get(hide + 1).getClass() != AuthenticationFilter.class) {
			return filters;
		}
		List<Filter> kept = new ArrayList<>(filters);
		kept.subList(hide, reveal + 1).clear();
		return kept;
	}

	/** Hides the DPoP scheme from the filters after it, or gives the original request back. */
	private static final class Shield extends OncePerRequestFilter {

		private final boolean hides;

		Shield(boolean hides) {
			this.hides = hides;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (this.hides) {
				chain.doFilter(isDPoP(request) ? new WithoutAuthorization(request) : request, response);
			}
			else {
				chain.doFilter(original(request), response);
			}
		}

	}

	private static HttpServletRequest original(HttpServletRequest request) {
		ServletRequest current = request;
		while (current instanceof HttpServletRequestWrapper wrapper) {
			if (wrapper instanceof WithoutAuthorization hidden) {
				return (HttpServletRequest) hidden.getRequest();
			}
			current = wrapper.getRequest();
		}
		return request;
	}

	/** What Spring Security's DPoP filter would take: any value that starts with "DPoP", in any case. */
	public static boolean isDPoP(HttpServletRequest request) {
		Enumeration<String> values = request.getHeaders(HttpHeaders.AUTHORIZATION);
		while (values != null && values.hasMoreElements()) {
			String authorization = values.nextElement();
			if (authorization != null && authorization.regionMatches(true, 0, DPOP, 0, DPOP.length())) {
				return true;
			}
		}
		return false;
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
