package dev.warden.internal.webflux;

import dev.warden.internal.jwt.EventLoops;
import dev.warden.internal.revocation.PushReceiver;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The reactive face of the RFC 8935 push endpoint ({@link PushReceiver}): reads at most the size
 * limit of the body without blocking, then verifies and applies the SET off the event loop (it may
 * fetch the transmitter's keys and reach the shared store).
 */
public final class PushReceiverWebFilter implements WebFilter {

	/** Stands for a body over the limit. */
	private static final byte[] TOO_LARGE = new byte[0];

	private final PushReceiver receiver;

	private final Scheduler blocking;

	/**
	 * Creates the filter.
	 * @param receiver the endpoint
	 * @param blocking where the SET is verified and applied
	 */
	public PushReceiverWebFilter(PushReceiver receiver, Scheduler blocking) {
		this.receiver = receiver;
		this.blocking = blocking;
	}

	/**
	 * Whether an exchange is for this endpoint.
	 * @param exchange the exchange
	 * @return whether its path (within the application) is the endpoint's
	 */
	public boolean matches(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().pathWithinApplication().value().equals(this.receiver.path());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!matches(exchange)) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		PushReceiver.Answer refusal = this.receiver.refusal(request.getMethod().name(),
				request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION),
				request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), request.getHeaders().getContentLength());
		if (refusal != null) {
			return write(exchange, refusal);
		}
		int limit = this.receiver.maxBytes();
		return read(request.getBody(), limit)
			.publishOn(this.blocking)
			.map((body) -> this.receiver.receive((body != TOO_LARGE) ? body : null))
			.transform(EventLoops::resume)
			.flatMap((answer) -> write(exchange, answer));
	}

	/** The body, or {@link #TOO_LARGE}. */
	private static Mono<byte[]> read(Flux<DataBuffer> body, int limit) {
		return DataBufferUtils.join(body, limit)
			.map((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return bytes;
			})
			.defaultIfEmpty(new byte[0])
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> Mono.just(TOO_LARGE));
	}

	private Mono<Void> write(ServerWebExchange exchange, PushReceiver.Answer answer) {
		return ExchangeAnswers.write(exchange, answer.status(), answer.headers(), answer.body());
	}

}
