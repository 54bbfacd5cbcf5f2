package dev.warden.internal.webflux;

import dev.warden.internal.jwt.EventLoops;
import dev.warden.internal.web.ClientCertificateHeader;
import dev.warden.jwt.TokenRequest;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
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
		Mono<Void> rest = (loop != null) ? chain.filter(new EventLoopExchange(exchange, loop)) : chain.filter(exchange);
		return rest.contextWrite((context) -> {
			Context bound = context.put(TokenRequest.class, tokenRequest);
			return (loop != null) ? bound.put(EventLoops.CONTEXT_KEY, loop) : bound;
		});
	}

	/** The exchange with its response written on the event loop: see {@link EventLoopResponse}. */
	static final class EventLoopExchange extends ServerWebExchangeDecorator {

		private final EventLoopResponse response;

		EventLoopExchange(ServerWebExchange exchange, Scheduler loop) {
			super(exchange);
			this.response = new EventLoopResponse(exchange.getResponse(), loop, Thread.currentThread());
		}

		@Override
		public ServerHttpResponse getResponse() {
			return this.response;
		}

	}

	/**
	 * Writes the response on the exchange's event loop, also when the handler answered elsewhere
	 * (Spring Boot answers Actuator's blocking endpoints and health indicators on the bounded
	 * elastic scheduler): see {@link EventLoops}. A write that starts on the loop's thread stays as
	 * it is.
	 */
	static final class EventLoopResponse extends ServerHttpResponseDecorator {

		private final Scheduler loop;

		private final Thread loopThread;

		EventLoopResponse(ServerHttpResponse response, Scheduler loop, Thread loopThread) {
			super(response);
			this.loop = loop;
			this.loopThread = loopThread;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return onLoop(super.writeWith(body));
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return onLoop(super.writeAndFlushWith(body));
		}

		@Override
		public Mono<Void> setComplete() {
			return onLoop(super.setComplete());
		}

		private Mono<Void> onLoop(Mono<Void> write) {
			return (Thread.currentThread() == this.loopThread) ? write : write.subscribeOn(this.loop);
		}

	}

}
