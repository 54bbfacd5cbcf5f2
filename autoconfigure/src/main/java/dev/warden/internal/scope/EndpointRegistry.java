package dev.warden.internal.scope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The application's endpoints and what each requires, built once at startup from the
 * {@link RequestMappingHandlerMapping}; and, per request, the endpoint that will handle it. No
 * annotation is read on the request path: the requirement of each handler method is precomputed.
 * <p>
 * Lookups are remembered by method and request URI in a small fixed table, for the requests whose
 * handler those two alone decide: every mapping whose pattern matches the path has no condition but
 * its methods (no params, headers, consumes, produces, custom or version condition), the method is
 * not {@code OPTIONS} (CORS preflights depend on headers), and the handler mapping uses path
 * patterns and no API versioning. Everything else is looked up on every request, as is a path the
 * table has forgotten; the dispatcher does its own lookup either way.
 */
public final class EndpointRegistry implements EndpointInventory {

	private static final String LOOKUP_ATTRIBUTE = EndpointRegistry.class.getName() + ".LOOKUP";

	/** Slots of the table of remembered lookups (a power of two). */
	private static final int REMEMBERED = 512;

	private final Lookup[] remembered = new Lookup[REMEMBERED];

	/**
	 * The path patterns of the mappings with conditions beyond their methods; {@code null} while the
	 * registry is not built, or when no lookup may be remembered at all.
	 */
	private volatile List<PathPattern> conditionalPatterns;

	private final Supplier<RequestMappingHandlerMapping> handlerMapping;

	private final Predicate<String> publicPath;

	private final EndpointCatalog.Lazy catalog = new EndpointCatalog.Lazy(this::build);

	/**
	 * Creates a registry.
	 * @param handlerMapping the application's handler mapping (resolved lazily)
	 * @param publicPath whether a path pattern lies entirely under {@code warden.public-paths}: such
	 * an undeclared endpoint is public, not undeclared
	 */
	public EndpointRegistry(Supplier<RequestMappingHandlerMapping> handlerMapping, Predicate<String> publicPath) {
		this.handlerMapping = handlerMapping;
		this.publicPath = publicPath;
	}

	/**
	 * An endpoint of the application.
	 *
	 * @param methods the HTTP methods (empty: any)
	 * @param patterns the path patterns
	 * @param requirement what it requires
	 * @param handler the handler method, {@code Class#method}
	 */
	public record Endpoint(Set<String> methods, Set<String> patterns, EndpointRequirement requirement,
			String handler) {

		/**
		 * The endpoint as one line, e.g. {@code GET /api/orders}.
		 * @return the description
		 */
		public String route() {
			String verbs = this.methods.isEmpty() ? "*" : String.join(",", this.methods);
			return verbs + " " + String.join(",", this.patterns);
		}

	}

	/**
	 * Builds the registry (once) and returns every endpoint.
	 * @return the endpoints, in a stable order
	 */
	@Override
	public List<Endpoint> endpoints() {
		return catalog().endpoints();
	}

	private EndpointCatalog catalog() {
		return this.catalog.get();
	}

	private EndpointCatalog build() {
		RequestMappingHandlerMapping mapping = this.handlerMapping.get();
		List<EndpointCatalog.Handler> handlers = new ArrayList<>();
		List<PathPattern> conditional = new ArrayList<>();
		boolean rememberable = mapping.usesPathPatterns() && mapping.getApiVersionStrategy() == null;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			Set<String> methods = new LinkedHashSet<>();
			for (RequestMethod method : info.getMethodsCondition().getMethods()) {
				methods.add(method.name());
			}
			handlers.add(new EndpointCatalog.Handler(entry.getValue().getBeanType(), entry.getValue().getMethod(), methods,
					new LinkedHashSet<>(info.getPatternValues())));
			if (info.getPathPatternsCondition() == null) {
				rememberable = false;
			}
			else if (!decidedByMethodAndPath(info)) {
				conditional.addAll(info.getPathPatternsCondition().getPatterns());
			}
		}
		EndpointCatalog catalog = EndpointCatalog.of(handlers, this.publicPath, List.of());
		this.conditionalPatterns = rememberable ? List.copyOf(conditional) : null;
		return catalog;
	}

	private static boolean decidedByMethodAndPath(RequestMappingInfo info) {
		return info.getParamsCondition().isEmpty() && info.getHeadersCondition().isEmpty()
				&& info.getConsumesCondition().isEmpty() && info.getProducesCondition().isEmpty()
				&& info.getCustomCondition() == null && info.getVersionCondition().isEmpty();
	}

	/**
	 * Finds the endpoint that will handle a request. The result is kept on the request, so the
	 * token resolver and the authorization manager look it up once between them.
	 * @param request the request
	 * @return the lookup
	 */
	public Lookup lookup(HttpServletRequest request) {
		Object cached = request.getAttribute(LOOKUP_ATTRIBUTE);
		if (cached instanceof Lookup lookup && lookup.uri().equals(request.getRequestURI())
				&& lookup.method().equals(request.getMethod())) {
			return lookup;
		}
		Lookup lookup = remembered(request);
		if (lookup == null) {
			lookup = find(request);
		}
		request.setAttribute(LOOKUP_ATTRIBUTE, lookup);
		return lookup;
	}

	private static int slot(String uri, String method) {
		int hash = uri.hashCode() * 31 + method.hashCode();
		return (hash ^ (hash >>> 16)) & (REMEMBERED - 1);
	}

	private Lookup remembered(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String method = request.getMethod();
		if (uri == null || method == null) {
			return null;
		}
		Lookup lookup = this.remembered[slot(uri, method)];
		return (lookup != null && lookup.uri().equals(uri) && lookup.method().equals(method)) ? lookup : null;
	}

	/** Keeps a lookup whose handler the method and path alone decide (see the class comment). */
	private void remember(Lookup lookup, HttpServletRequest request) {
		List<PathPattern> conditional = this.conditionalPatterns;
		if (conditional == null || lookup.kind() != Kind.HANDLER || lookup.uri() == null || lookup.method() == null
				|| "OPTIONS".equals(lookup.method()) || !ServletRequestPathUtils.hasParsedRequestPath(request)) {
			return;
		}
		PathContainer path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
		for (PathPattern pattern : conditional) {
			if (pattern.matches(path)) {
				return;
			}
		}
		this.remembered[slot(lookup.uri(), lookup.method())] = lookup;
	}

	/**
	 * The lookup already made for this request, if any (never triggers one).
	 * @param request the request
	 * @return the lookup, or {@code null}
	 */
	public static Lookup cachedLookup(HttpServletRequest request) {
		return (request.getAttribute(LOOKUP_ATTRIBUTE) instanceof Lookup lookup) ? lookup : null;
	}

	private Lookup find(HttpServletRequest original) {
		EndpointCatalog catalog = catalog();
		// attributes the handler mapping sets stay on this wrapper, so the real request is untouched
		HttpServletRequest request = new AttributeIsolatingRequest(original);
		try {
			ServletRequestPathUtils.parseAndCache(request);
			HandlerExecutionChain chain = this.handlerMapping.get().getHandler(request);
			Object handler = (chain != null) ? chain.getHandler() : null;
			if (handler instanceof HandlerMethod method) {
				EndpointRequirement requirement = catalog.requirement(method.getBeanType(), method.getMethod());
				Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
				Lookup lookup = new Lookup(Kind.HANDLER, requirement, (pattern != null) ? pattern.toString() : null,
						original.getRequestURI(), original.getMethod());
				remember(lookup, request);
				return lookup;
			}
			if (CorsUtils.isPreFlightRequest(request) && handler instanceof CorsConfigurationSource cors
					&& cors.getCorsConfiguration(request) != null) {
				return new Lookup(Kind.CORS_PREFLIGHT, null, null, original.getRequestURI(), original.getMethod());
			}
			return new Lookup(Kind.NONE, null, null, original.getRequestURI(), original.getMethod());
		}
		catch (Exception ex) {
			// no handler matches this method or media type: MVC answers 405/406/415 itself
			return new Lookup(Kind.NONE, null, null, original.getRequestURI(), original.getMethod());
		}
	}

	/** Keeps attributes set during the lookup off the real request (reads fall through). */
	private static final class AttributeIsolatingRequest extends jakarta.servlet.http.HttpServletRequestWrapper {

		private final Map<String, Object> attributes = new HashMap<>(8);

		AttributeIsolatingRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Object getAttribute(String name) {
			Object value = this.attributes.get(name);
			if (value != null) {
				return (value == REMOVED) ? null : value;
			}
			return super.getAttribute(name);
		}

		@Override
		public void setAttribute(String name, Object value) {
			this.attributes.put(name, (value != null) ? value : REMOVED);
		}

		@Override
		public void removeAttribute(String name) {
			this.attributes.put(name, REMOVED);
		}

		@Override
		public java.util.Enumeration<String> getAttributeNames() {
			Set<String> names = new LinkedHashSet<>(Collections.list(super.getAttributeNames()));
			this.attributes.forEach((name, value) -> {
				if (value == REMOVED) {
					names.remove(name);
				}
				else {
					names.add(name);
				}
			});
			return Collections.enumeration(names);
		}

		private static final Object REMOVED = new Object();

	}

	/** What kind of handler a request goes to. */
	public enum Kind {

		/** An application or framework handler method. */
		HANDLER,

		/** A CORS preflight for which the application configured CORS. */
		CORS_PREFLIGHT,

		/** No handler method: a resource, another mapping, or nothing (404/405). */
		NONE

	}

	/**
	 * The endpoint a request goes to.
	 *
	 * @param kind what was found
	 * @param requirement what the endpoint requires ({@link Kind#HANDLER} only)
	 * @param route the matched path pattern, or {@code null}
	 * @param uri the request URI the lookup was made for
	 * @param method the HTTP method the lookup was made for
	 */
	public record Lookup(Kind kind, EndpointRequirement requirement, String route, String uri, String method) {
	}

}
