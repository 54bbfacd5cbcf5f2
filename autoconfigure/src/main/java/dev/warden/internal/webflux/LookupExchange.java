package dev.warden.internal.webflux;

import java.util.HashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;

/**
 * An exchange for finding its handler without touching it: handler mappings write their
 * attributes, and CORS processing its headers and status, to this copy only, so WebFlux's own
 * dispatch later finds the exchange as it arrived.
 */
final class LookupExchange extends ServerWebExchangeDecorator {

	private final Map<String, Object> attributes;

	private final IsolatedResponse response;

	LookupExchange(ServerWebExchange exchange) {
		super(exchange);
		this.attributes = new HashMap<>(exchange.getAttributes());
		this.response = new IsolatedResponse(exchange.getResponse());
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public ServerHttpResponse getResponse() {
		return this.response;
	}

	/**
	 * Whether CORS processing answered a preflight: it allowed it (an
	 * {@code Access-Control-Allow-Origin}) or refused it (403), which the application's CORS
	 * configuration, not a token, decides.
	 */
	boolean corsAnswered() {
		return this.response.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN) != null
				|| this.response.refused;
	}

	private static final class IsolatedResponse extends ServerHttpResponseDecorator {

		private final HttpHeaders headers = new HttpHeaders();

		private boolean refused;

		IsolatedResponse(ServerHttpResponse response) {
			super(response);
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public boolean setStatusCode(HttpStatusCode status) {
			this.refused = status != null && status.value() == 403;
			return true;
		}

	}

}
