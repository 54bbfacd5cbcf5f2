package dev.warden.internal.webflux;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.warden.internal.scope.EndpointRegistry;
import dev.warden.internal.scope.EndpointRequirement;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The inventory of an application's functional routes: each route's methods and path patterns,
 * read from its predicates (nested paths joined), and what it declares through
 * {@code dev.warden.web.WardenRoutes} — undeclared otherwise, unless all its paths are public.
 */
final class FunctionalRoutes {

	private FunctionalRoutes() {
	}

	static List<EndpointRegistry.Endpoint> endpoints(RouterFunction<?> router, Predicate<String> publicPath) {
		Collector collector = new Collector(publicPath);
		router.accept(collector);
		return collector.endpoints;
	}

	/** Collects the routes, with the paths of the nested routers they sit in. */
	private static final class Collector implements RouterFunctions.Visitor {

		private final Predicate<String> publicPath;

		private final Deque<Shape> nesting = new ArrayDeque<>();

		private final List<EndpointRegistry.Endpoint> endpoints = new ArrayList<>();

		Collector(Predicate<String> publicPath) {
			this.publicPath = publicPath;
		}

		@Override
		public void startNested(RequestPredicate predicate) {
			this.nesting.push(Shape.of(predicate));
		}

		@Override
		public void endNested(RequestPredicate predicate) {
			this.nesting.pop();
		}

		@Override
		public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
			Shape shape = Shape.of(predicate);
			Set<String> methods = new LinkedHashSet<>(shape.methods);
			String prefix = "";
			for (java.util.Iterator<Shape> outer = this.nesting.descendingIterator(); outer.hasNext();) {
				Shape nested = outer.next();
				methods.addAll(nested.methods);
				prefix = prefix + (nested.paths.isEmpty() ? "" : nested.paths.get(0));
			}
			Set<String> patterns = new LinkedHashSet<>();
			for (String path : shape.paths.isEmpty() ? List.of("") : shape.paths) {
				patterns.add((prefix + path).isEmpty() ? "/**" : prefix + path);
			}
			EndpointRequirement requirement;
			if (handlerFunction instanceof DeclaredHandlerFunction<?> declared) {
				requirement = declared.requirement();
			}
			else {
				boolean allPublic = patterns.stream().allMatch((pattern) -> !pattern.contains("*")
						&& this.publicPath.test(pattern));
				requirement = allPublic ? EndpointRequirement.PUBLIC : EndpointRequirement.UNDECLARED;
			}
			this.endpoints.add(new EndpointRegistry.Endpoint(methods, patterns, requirement, "route " + predicate));
		}

		@Override
		public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
		}

		@Override
		public void attributes(Map<String, Object> attributes) {
		}

		@Override
		public void unknown(RouterFunction<?> routerFunction) {
		}

	}

	/** The methods and paths a predicate names, as far as they can be read. */
	private record Shape(Set<String> methods, List<String> paths) {

		static Shape of(RequestPredicate predicate) {
			Set<String> methods = new LinkedHashSet<>();
			List<String> paths = new ArrayList<>();
			predicate.accept(new RequestPredicates.Visitor() {

				@Override
				public void method(Set<HttpMethod> httpMethods) {
					httpMethods.forEach((method) -> methods.add(method.name()));
				}

				@Override
				public void path(String pattern) {
					paths.add(pattern);
				}

				@Override
				public void pathExtension(String extension) {
				}

				@Override
				public void header(String name, String value) {
				}

				@Override
				public void queryParam(String name, String value) {
				}

				@Override
				public void version(String version) {
				}

				@Override
				public void startAnd() {
				}

				@Override
				public void and() {
				}

				@Override
				public void endAnd() {
				}

				@Override
				public void startOr() {
				}

				@Override
				public void or() {
				}

				@Override
				public void endOr() {
				}

				@Override
				public void startNegate() {
				}

				@Override
				public void endNegate() {
				}

				@Override
				public void unknown(RequestPredicate unknown) {
				}

			});
			return new Shape(methods, paths);
		}

	}

}
