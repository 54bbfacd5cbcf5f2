package dev.warden.internal.web;

import java.io.IOException;
import java.security.cert.X509Certificate;

import dev.warden.jwt.TokenRequest;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Warden's one filter on every request. A request for a path under
 * {@code /.well-known/oauth-protected-resource} is answered here ({@link ResourceMetadataEndpoint}).
 * Every other request is bound to the token pipeline as a {@link TokenRequest} for as long as the
 * security chain works on it, so the checks that bind a token to its sender (client certificate,
 * DPoP proof) can see it. With a trusted proxy header configured, a request that arrived without a
 * TLS client certificate gets the proxy's certificate as its own, in the standard servlet
 * attribute, as Tomcat's {@code SSLValve} does.
 * <p>
 * One filter does both because, with an observation registry (Actuator), every filter of the chain
 * costs every request its observation events.
 */
public final class TokenRequestFilter extends OncePerRequestFilter {

	private final ClientCertificateHeader certificateHeader;

	private final ResourceMetadataEndpoint wellKnown;

	/**
	 * Creates the filter.
	 * @param certificateHeader the trusted proxy's certificate header, or {@code null}
	 * @param wellKnown answers the paths under the RFC 9728 well-known prefix
	 */
	public TokenRequestFilter(ClientCertificateHeader certificateHeader, ResourceMetadataEndpoint wellKnown) {
		this.certificateHeader = certificateHeader;
		this.wellKnown = wellKnown;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getDispatcherType() == DispatcherType.REQUEST && ResourceMetadataEndpoint.isWellKnown(request)) {
			this.wellKnown.answer(request, response);
			return;
		}
		if (this.certificateHeader != null && request.getAttribute(ServletTokenRequest.CERTIFICATE_ATTRIBUTE) == null) {
			X509Certificate forwarded = ClientCertificateHeader.parse(request.getHeader(this.certificateHeader.name()));
			if (forwarded != null) {
				request.setAttribute(ServletTokenRequest.CERTIFICATE_ATTRIBUTE, new X509Certificate[] { forwarded });
			}
		}
		ServletTokenRequest tokenRequest = new ServletTokenRequest(request, response);
		request.setAttribute(ServletTokenRequest.ATTRIBUTE, tokenRequest);
		try (TokenRequest.Scope scope = TokenRequest.bind(tokenRequest)) {
			chain.doFilter(request, response);
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
