package dev.warden.internal.webflux;

import dev.warden.internal.jwt.EventLoops;
import dev.warden.internal.web.ClientCertificateHeader;
import dev.warden.jwt.TokenRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Binds each exchange to the token pipeline as a {@link TokenRequest}: an exchange attribute, and
 * the Reactor context of the rest of the chain under the key {@code TokenRequest.class}, so the
 * checks that bind a token to its sender (client certificate, DPoP proof) can see it on whichever
 * thread they run; and the event loop the exchange arrived on ({@link EventLoops}). With a trusted
 * proxy header configured, a request that arrived without a TLS client certificate is read with the
 * proxy's.
 */
public final class TokenRequestWebFilter implements WebFilter {

	private final ClientCertificateHeader certificateHeader;

	/**
	 * Creates the filter.
	 * @param certificateHeader the trusted proxy's certificate header, or {@code null}
	 */
	public TokenRequestWebFilter(ClientCertificateHeader certificateHeader) {
		this.certificateHeader = certificateHeader;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerTokenRequest tokenRequest = new ServerTokenRequest(exchange, this.certificateHeader);
		exchange.getAttributes().put(ServerTokenRequest.ATTRIBUTE, tokenRequest);
		Scheduler loop = EventLoops.current();
		return chain.filter(exchange).contextWrite((context) -> {
			Context bound = context.put(TokenRequest.class, tokenRequest);
			return (loop != null) ? bound.put(EventLoops.CONTEXT_KEY, loop) : bound;
		});
	}

}
