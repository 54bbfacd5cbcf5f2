package dev.warden.internal.webflux;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.warden.internal.scope.EndpointCatalog;
import dev.warden.internal.scope.EndpointInventory;
import dev.warden.internal.scope.EndpointRegistry;
import dev.warden.internal.scope.EndpointRequirement;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.HttpMessageReader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The WebFlux application's endpoints and what each requires, built once at startup from the
 * reactive {@link RequestMappingHandlerMapping} (annotated controllers) and the application's
 * {@link RouterFunction}s (functional routes, declared with {@code dev.warden.web.WardenRoutes});
 * and, per exchange, the endpoint that will handle it, found without side effects on the exchange
 * and kept as an exchange attribute, so the token converter, the authorization manager and the
 * audit lines look it up once between them.
 */
public final class ReactiveEndpointRegistry implements EndpointInventory {

	private static final String LOOKUP_ATTRIBUTE = ReactiveEndpointRegistry.class.getName() + ".LOOKUP";

	private final Supplier<RequestMappingHandlerMapping> handlerMapping;

	private final Supplier<RouterFunction<?>> routes;

	private final List<HttpMessageReader<?>> readers;

	private final Predicate<String> publicPath;

	private final EndpointCatalog.Lazy catalog = new EndpointCatalog.Lazy(this::build);

	/**
	 * Creates a registry.
	 * @param handlerMapping the application's handler mapping (resolved lazily; may supply
	 * {@code null})
	 * @param routes the application's router functions, composed (resolved lazily; may supply
	 * {@code null})
	 * @param readers the codecs' readers, for routes whose predicates read the request
	 * @param publicPath whether a path pattern lies entirely under {@code warden.public-paths}
	 */
	public ReactiveEndpointRegistry(Supplier<RequestMappingHandlerMapping> handlerMapping,
			Supplier<RouterFunction<?>> routes, List<HttpMessageReader<?>> readers, Predicate<String> publicPath) {
		this.handlerMapping = handlerMapping;
		this.routes = routes;
		this.readers = readers;
		this.publicPath = publicPath;
	}

	@Override
	public List<EndpointRegistry.Endpoint> endpoints() {
		return catalog().endpoints();
	}

	private EndpointCatalog catalog() {
		return this.catalog.get();
	}

	private EndpointCatalog build() {
		List<EndpointCatalog.Handler> handlers = new ArrayList<>();
		RequestMappingHandlerMapping mapping = this.handlerMapping.get();
		if (mapping != null) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				Set<String> methods = new LinkedHashSet<>();
				for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
					methods.add(method.name());
				}
				Set<String> patterns = new LinkedHashSet<>();
				for (PathPattern pattern : entry.getKey().getPatternsCondition().getPatterns()) {
					patterns.add(pattern.getPatternString());
				}
				handlers.add(new EndpointCatalog.Handler(entry.getValue().getBeanType(), entry.getValue().getMethod(),
						methods, patterns));
			}
		}
		RouterFunction<?> router = this.routes.get();
		List<EndpointRegistry.Endpoint> functional = (router != null) ? FunctionalRoutes.endpoints(router, this.publicPath)
				: List.of();
		return EndpointCatalog.of(handlers, this.publicPath, functional);
	}

	/**
	 * Finds the endpoint that will handle an exchange, once per exchange.
	 * @param exchange the exchange
	 * @return the lookup
	 */
	public Mono<Lookup> lookup(ServerWebExchange exchange) {
		if (exchange.getAttribute(LOOKUP_ATTRIBUTE) instanceof Lookup lookup) {
			return Mono.just(lookup);
		}
		EndpointCatalog catalog = catalog();
		// in the order of WebFlux's handler mappings: router functions first
		return functional(new LookupExchange(exchange))
			.switchIfEmpty(Mono.defer(() -> annotated(new LookupExchange(exchange), catalog)))
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(Lookup.NONE)
			.doOnNext((lookup) -> exchange.getAttributes().put(LOOKUP_ATTRIBUTE, lookup));
	}

	/**
	 * The lookup already made for an exchange, if any (never triggers one).
	 * @param exchange the exchange
	 * @return the lookup, or {@code null}
	 */
	public static Lookup cachedLookup(ServerWebExchange exchange) {
		return (exchange.getAttribute(LOOKUP_ATTRIBUTE) instanceof Lookup lookup) ? lookup : null;
	}

	private Mono<Lookup> annotated(LookupExchange exchange, EndpointCatalog catalog) {
		RequestMappingHandlerMapping mapping = this.handlerMapping.get();
		if (mapping == null) {
			return Mono.empty();
		}
		if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			// a preflight the application answers with its CORS configuration needs no token
			return mapping.getHandler(exchange)
				.filter((handler) -> exchange.corsAnswered())
				.map((handler) -> Lookup.CORS_PREFLIGHT);
		}
		return mapping.getHandlerInternal(exchange).map((method) -> new Lookup(Kind.HANDLER,
				catalog.requirement(method.getBeanType(), method.getMethod()), route(exchange)));
	}

	private Mono<Lookup> functional(LookupExchange exchange) {
		RouterFunction<?> router = this.routes.get();
		if (router == null) {
			return Mono.empty();
		}
		return router.route(ServerRequest.create(exchange, this.readers)).map((handler) -> {
			Object pattern = exchange.getAttribute(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE);
			String route = (pattern != null) ? pattern.toString() : null;
			return new Lookup(Kind.HANDLER, requirement(handler, route), route);
		});
	}

	private EndpointRequirement requirement(HandlerFunction<?> handler, String route) {
		if (handler instanceof DeclaredHandlerFunction<?> declared) {
			return declared.requirement();
		}
		return (route != null && !route.contains("*") && this.publicPath.test(route)) ? EndpointRequirement.PUBLIC
				: EndpointRequirement.UNDECLARED;
	}

	private static String route(ServerWebExchange exchange) {
		Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return (pattern instanceof PathPattern path) ? path.getPatternString()
				: (pattern != null) ? pattern.toString() : null;
	}

	/** What kind of handler an exchange goes to. */
	public enum Kind {

		/** A handler method or a functional route. */
		HANDLER,

		/** A CORS preflight for which the application configured CORS. */
		CORS_PREFLIGHT,

		/** No handler: a resource, another mapping, or nothing (404/405). */
		NONE

	}

	/**
	 * The endpoint an exchange goes to.
	 *
	 * @param kind what was found
	 * @param requirement what the endpoint requires ({@link Kind#HANDLER} only)
	 * @param route the matched path pattern, or {@code null}
	 */
	public record Lookup(Kind kind, EndpointRequirement requirement, String route) {

		static final Lookup NONE = new Lookup(Kind.NONE, null, null);

		static final Lookup CORS_PREFLIGHT = new Lookup(Kind.CORS_PREFLIGHT, null, null);

	}

}
