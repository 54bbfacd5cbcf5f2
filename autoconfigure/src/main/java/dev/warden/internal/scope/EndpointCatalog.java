package dev.warden.internal.scope;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.warden.scope.DefaultPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The requirement of every handler method, computed once from its annotations, whatever the web
 * stack found the handlers: the shared part of Spring MVC's {@link EndpointRegistry} and WebFlux's.
 * No annotation is read on the request path.
 */
public final class EndpointCatalog {

	/** The inventory's logger: the same for both web stacks. */
	private static final Log logger = LogFactory.getLog("dev.warden.internal.scope.EndpointRegistry");

	private final Map<HandlerKey, EndpointRequirement> requirements;

	private final List<EndpointRegistry.Endpoint> endpoints;

	/** A handler method of one controller: an inherited method is a different handler in each subclass. */
	private record HandlerKey(Class<?> type, Method method) {
	}

	/**
	 * A handler method as a handler mapping lists it.
	 *
	 * @param type the controller class
	 * @param method the handler method
	 * @param methods the HTTP methods it maps (empty: any)
	 * @param patterns its path patterns
	 */
	public record Handler(Class<?> type, Method method, Set<String> methods, Set<String> patterns) {
	}

	private EndpointCatalog(Map<HandlerKey, EndpointRequirement> requirements, List<EndpointRegistry.Endpoint> endpoints) {
		this.requirements = requirements;
		this.endpoints = endpoints;
	}

	/**
	 * Reads the requirement of each handler method.
	 * @param handlers the handler methods
	 * @param publicPath whether a path pattern lies entirely under {@code warden.public-paths}: such
	 * an undeclared endpoint is public, not undeclared
	 * @param declared endpoints declared otherwise (functional routes), already with their
	 * requirements
	 * @return the catalog
	 * @throws IllegalStateException when a handler declares conflicting or malformed requirements
	 */
	public static EndpointCatalog of(Collection<Handler> handlers, Predicate<String> publicPath,
			Collection<EndpointRegistry.Endpoint> declared) {
		Map<HandlerKey, EndpointRequirement> byMethod = new HashMap<>();
		List<EndpointRegistry.Endpoint> list = new ArrayList<>();
		for (Handler handler : handlers) {
			Class<?> type = handler.type();
			EndpointRequirement requirement = type.getName().startsWith("org.springframework.")
					? EndpointRequirement.FRAMEWORK : EndpointRequirement.of(handler.method(), type);
			if (requirement.rule() == EndpointRequirement.Rule.UNDECLARED
					&& handler.patterns().stream().allMatch((pattern) -> underPublicPath(pattern, publicPath))) {
				requirement = EndpointRequirement.PUBLIC;
			}
			byMethod.put(new HandlerKey(type, handler.method()), requirement);
			list.add(new EndpointRegistry.Endpoint(handler.methods(), handler.patterns(), requirement,
					EndpointRequirement.describe(handler.method())));
		}
		list.addAll(declared);
		list.sort((a, b) -> (String.join(",", a.patterns()) + " " + a.methods()).compareTo(
				String.join(",", b.patterns()) + " " + b.methods()));
		return new EndpointCatalog(Map.copyOf(byMethod), Collections.unmodifiableList(list));
	}

	/**
	 * Whether every path a handler pattern can match lies under {@code warden.public-paths}: only
	 * for patterns without wildcards (a {@code {variable}} matches one segment, which any public
	 * pattern matching its text also covers); a pattern such as {@code /files/**} is never inferred
	 * public, since its text may match a public pattern that covers only part of it.
	 */
	private static boolean underPublicPath(String pattern, Predicate<String> publicPath) {
		return !pattern.contains("*") && publicPath.test(pattern);
	}

	/**
	 * Every endpoint.
	 * @return the endpoints, in a stable order
	 */
	public List<EndpointRegistry.Endpoint> endpoints() {
		return this.endpoints;
	}

	/**
	 * The requirement of a handler method.
	 * @param type the controller class
	 * @param method the handler method
	 * @return its requirement; {@link EndpointRequirement#FRAMEWORK} for a handler the catalog does
	 * not know
	 */
	public EndpointRequirement requirement(Class<?> type, Method method) {
		return this.requirements.getOrDefault(new HandlerKey(type, method), EndpointRequirement.FRAMEWORK);
	}

	/**
	 * Logs an inventory, warning about each undeclared endpoint.
	 * @param all every endpoint
	 * @param undeclared the endpoints that declare no access rule
	 * @param policy what happens to undeclared endpoints
	 */
	static void log(List<EndpointRegistry.Endpoint> all, List<EndpointRegistry.Endpoint> undeclared,
			DefaultPolicy policy) {
		StringBuilder inventory = new StringBuilder("Warden endpoint inventory (" + all.size() + "):");
		for (EndpointRegistry.Endpoint endpoint : all) {
			inventory.append("\n  ").append(endpoint.route()).append(" -> ").append(endpoint.requirement().describe());
		}
		logger.info(inventory);
		for (EndpointRegistry.Endpoint endpoint : undeclared) {
			logger.warn("Endpoint " + endpoint.route() + " (" + endpoint.handler() + ") declares no access rule: "
					+ ((policy == DefaultPolicy.DENY) ? "every request to it is denied" : "any valid token may call it")
					+ " (warden.scopes.default-policy=" + policy.name().toLowerCase(Locale.ROOT) + "). Annotate it with "
					+ "@RequireScope, @RequireAnyScope, @Authenticated or @PublicEndpoint.");
		}
	}

	/**
	 * A catalog built on first use, once: the handler mappings are complete only once the
	 * application context is.
	 */
	public static final class Lazy {

		private final Supplier<EndpointCatalog> build;

		private volatile EndpointCatalog catalog;

		/**
		 * Creates the holder.
		 * @param build builds the catalog
		 */
		public Lazy(Supplier<EndpointCatalog> build) {
			this.build = build;
		}

		/**
		 * The catalog, built by the first caller.
		 * @return the catalog
		 */
		public EndpointCatalog get() {
			EndpointCatalog current = this.catalog;
			if (current == null) {
				synchronized (this) {
					if (this.catalog == null) {
						this.catalog = this.build.get();
					}
					current = this.catalog;
				}
			}
			return current;
		}

	}

}
