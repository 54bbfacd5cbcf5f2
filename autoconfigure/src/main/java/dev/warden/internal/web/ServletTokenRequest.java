package dev.warden.internal.web;

import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A servlet request as the token pipeline sees it. Everything is read lazily: a request whose token
 * is bound to nothing never looks at its certificate or proofs.
 */
final class ServletTokenRequest extends RequestTokenState {

	static final String ATTRIBUTE = ServletTokenRequest.class.getName();

	static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	static final String DPOP_HEADER = "DPoP";

	static final String DPOP_NONCE_HEADER = "DPoP-Nonce";

	private final HttpServletRequest request;

	private final HttpServletResponse response;

	/** What the {@code Authorization} header presents, once read ({@link #UNREAD} before). */
	private Object presented = UNREAD;

	private static final Object UNREAD = new Object();

	ServletTokenRequest(HttpServletRequest request, HttpServletResponse response) {
		this.request = request;
		this.response = response;
	}

	/**
	 * The token request of a servlet request, if Warden's filter saw it.
	 * @param request the request
	 * @return the token request, or {@code null}
	 */
	static ServletTokenRequest of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof ServletTokenRequest tokenRequest) ? tokenRequest : null;
	}

	/**
	 * Whether the request's {@code Authorization} header was read already.
	 * @return whether {@link #presented()} holds the result
	 */
	boolean presentedRead() {
		return this.presented != UNREAD;
	}

	/**
	 * What the {@code Authorization} header presented, as first read.
	 * @return the scheme and token, or {@code null} for none
	 */
	AuthorizationHeader.Presented presented() {
		return (this.presented instanceof AuthorizationHeader.Presented presented) ? presented : null;
	}

	void presented(AuthorizationHeader.Presented presented) {
		this.presented = presented;
	}

	@Override
	public String method() {
		return this.request.getMethod();
	}

	@Override
	public String uri() {
		return this.request.getRequestURL().toString();
	}

	@Override
	public List<String> dpopProofs() {
		return Collections.list(this.request.getHeaders(DPOP_HEADER));
	}

	@Override
	public X509Certificate clientCertificate() {
		return (this.request.getAttribute(CERTIFICATE_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0)
				? chain[0] : null;
	}

	@Override
	public void offerDPoPNonce(String nonce) {
		if (!this.response.isCommitted()) {
			this.response.setHeader(DPOP_NONCE_HEADER, nonce);
		}
	}

}
