package dev.warden.internal.webflux;

import java.util.Map;

import dev.warden.internal.web.AuditLog;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes Warden's answers to a WebFlux exchange, byte for byte as the servlet stack writes them.
 */
final class ExchangeAnswers {

	private ExchangeAnswers() {
	}

	/**
	 * Writes an answer.
	 * @param exchange the exchange
	 * @param status the status
	 * @param headers the headers, in order
	 * @param body the body, or {@code null}
	 * @return completes when written
	 */
	static Mono<Void> write(ServerWebExchange exchange, int status, Map<String, String> headers, byte[] body) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(HttpStatus.valueOf(status));
		headers.forEach(response.getHeaders()::set);
		if (body == null) {
			response.getHeaders().setContentLength(0);
			return response.setComplete();
		}
		response.getHeaders().setContentLength(body.length);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	/**
	 * An exchange as an audit line names it.
	 * @param exchange the exchange
	 * @return its method, route, {@code Authorization} header and token request
	 */
	static AuditLog.Request auditRequest(ServerWebExchange exchange) {
		ReactiveEndpointRegistry.Lookup lookup = ReactiveEndpointRegistry.cachedLookup(exchange);
		return new AuditLog.Request(exchange.getRequest().getMethod().name(), (lookup != null) ? lookup.route() : null,
				exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION), ServerTokenRequest.of(exchange));
	}

}
