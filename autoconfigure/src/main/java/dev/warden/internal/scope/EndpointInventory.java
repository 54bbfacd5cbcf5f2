package dev.warden.internal.scope;

import java.util.List;

/**
 * The application's endpoints and what each requires, whatever the web stack: the inventory Warden
 * logs at startup, checks, and serves at {@code /actuator/warden}. Spring MVC's is the
 * {@link EndpointRegistry}; WebFlux has its own.
 */
public interface EndpointInventory {

	/**
	 * Builds the inventory (once) and returns every endpoint.
	 * @return the endpoints, in a stable order
	 */
	List<EndpointRegistry.Endpoint> endpoints();

	/**
	 * The application endpoints that declare no access rule.
	 * @return the undeclared endpoints
	 */
	default List<EndpointRegistry.Endpoint> undeclared() {
		return endpoints().stream()
			.filter((endpoint) -> endpoint.requirement().rule() == EndpointRequirement.Rule.UNDECLARED)
			.toList();
	}

	/**
	 * Logs the inventory, warning about each undeclared endpoint.
	 * @param policy what happens to undeclared endpoints
	 */
	default void logInventory(dev.warden.scope.DefaultPolicy policy) {
		EndpointCatalog.log(endpoints(), undeclared(), policy);
	}

}
