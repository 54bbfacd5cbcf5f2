package dev.warden.internal.webflux;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.warden.internal.web.ClientCertificateHeader;
import dev.warden.internal.web.RequestTokenState;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.server.ServerWebExchange;

/**
 * A WebFlux exchange as the token pipeline sees it. Kept as an exchange attribute, and in the
 * Reactor context under the key {@code TokenRequest.class}, where the non-blocking decoders find it
 * and bind it to whichever thread decodes. Everything is read lazily.
 */
public final class ServerTokenRequest extends RequestTokenState {

	static final String ATTRIBUTE = ServerTokenRequest.class.getName();

	static final String DPOP_HEADER = "DPoP";

	static final String DPOP_NONCE_HEADER = "DPoP-Nonce";

	private final ServerWebExchange exchange;

	private final ClientCertificateHeader certificateHeader;

	ServerTokenRequest(ServerWebExchange exchange, ClientCertificateHeader certificateHeader) {
		this.exchange = exchange;
		this.certificateHeader = certificateHeader;
	}

	/**
	 * The token request of an exchange, if Warden's filter saw it.
	 * @param exchange the exchange
	 * @return the token request, or {@code null}
	 */
	public static ServerTokenRequest of(ServerWebExchange exchange) {
		return (exchange.getAttribute(ATTRIBUTE) instanceof ServerTokenRequest tokenRequest) ? tokenRequest : null;
	}

	@Override
	public String method() {
		return this.exchange.getRequest().getMethod().name();
	}

	/** The request URL without query and fragment, as the servlet stack's {@code getRequestURL()}. */
	@Override
	public String uri() {
		java.net.URI uri = this.exchange.getRequest().getURI();
		StringBuilder url = new StringBuilder(64).append(uri.getScheme()).append("://").append(uri.getRawAuthority());
		return url.append((uri.getRawPath() != null) ? uri.getRawPath() : "").toString();
	}

	@Override
	public List<String> dpopProofs() {
		List<String> proofs = this.exchange.getRequest().getHeaders().get(DPOP_HEADER);
		return (proofs != null) ? proofs : List.of();
	}

	/**
	 * The client certificate of mutual TLS, else, with a trusted proxy's header configured, the
	 * proxy's (as the servlet stack's filter puts it in the certificate attribute).
	 */
	@Override
	public X509Certificate clientCertificate() {
		ServerHttpRequest request = this.exchange.getRequest();
		SslInfo ssl = request.getSslInfo();
		Certificate[] chain = (ssl != null) ? ssl.getPeerCertificates() : null;
		if (chain != null && chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
			return certificate;
		}
		if (this.certificateHeader != null) {
			return ClientCertificateHeader.parse(request.getHeaders().getFirst(this.certificateHeader.name()));
		}
		return null;
	}

	@Override
	public void offerDPoPNonce(String nonce) {
		if (!this.exchange.getResponse().isCommitted()) {
			this.exchange.getResponse().getHeaders().set(DPOP_NONCE_HEADER, nonce);
		}
	}

}
