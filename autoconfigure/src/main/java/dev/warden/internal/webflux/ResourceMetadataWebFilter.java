package dev.warden.internal.webflux;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.internal.Json;
import dev.warden.internal.web.ResourceMetadata;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The reactive twin of {@code ResourceMetadataEndpoint}: serves the RFC 9728 document at its
 * well-known path, public and cacheable; other paths under
 * {@code /.well-known/oauth-protected-resource} answer 404, and so does every one of them when the
 * document is switched off.
 */
public final class ResourceMetadataWebFilter implements WebFilter {

	private static final String CACHE_CONTROL = "public, max-age=3600";

	private final ResourceMetadata metadata;

	/**
	 * Creates the filter.
	 * @param metadata the document, or {@code null} when switched off
	 */
	public ResourceMetadataWebFilter(ResourceMetadata metadata) {
		this.metadata = metadata;
	}

	/**
	 * Whether an exchange is for the well-known path or below it.
	 * @param exchange the exchange
	 * @return whether it is
	 */
	public static boolean isWellKnown(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		return path.equals(ResourceMetadata.WELL_KNOWN) || path.startsWith(ResourceMetadata.WELL_KNOWN + "/");
	}

	static String contextPath(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().contextPath().value();
	}

	/**
	 * The origin of an exchange, as the servlet stack reads it from the {@code Host} header.
	 * @param exchange the exchange
	 * @return its scheme, host and port as a URL starts
	 */
	static String origin(ServerWebExchange exchange) {
		URI uri = exchange.getRequest().getURI();
		String scheme = (uri.getScheme() != null) ? uri.getScheme() : "http";
		int port = (uri.getPort() != -1) ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
		return ResourceMetadata.origin(scheme, (uri.getHost() != null) ? uri.getHost() : "localhost", port);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!isWellKnown(exchange)) {
			return chain.filter(exchange);
		}
		String path = exchange.getRequest().getPath().value();
		if (this.metadata == null || !path.equals(this.metadata.documentPath(contextPath(exchange)))) {
			return ExchangeAnswers.write(exchange, 404, Map.of(), null);
		}
		HttpMethod method = exchange.getRequest().getMethod();
		if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
			return ExchangeAnswers.write(exchange, 405, Map.of(HttpHeaders.ALLOW, "GET, HEAD"), null);
		}
		Map<String, Object> claims;
		try {
			if (exchange.getRequest().getURI().getHost() == null) {
				throw new IllegalArgumentException("No host");
			}
			claims = this.metadata.claims(origin(exchange), contextPath(exchange));
		}
		catch (IllegalArgumentException ex) {
			// the request's Host does not make a URL: a resource identifier cannot be named
			return ExchangeAnswers.write(exchange, 400, Map.of(), null);
		}
		byte[] body = Json.write(new StringBuilder(256), claims).toString().getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(HttpHeaders.CONTENT_TYPE, "application/json");
		headers.put(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
		if (HttpMethod.HEAD.equals(method)) {
			exchange.getResponse().getHeaders().setContentLength(body.length);
			headers.forEach(exchange.getResponse().getHeaders()::set);
			exchange.getResponse().setRawStatusCode(200);
			return exchange.getResponse().setComplete();
		}
		return ExchangeAnswers.write(exchange, 200, headers, body);
	}

}
