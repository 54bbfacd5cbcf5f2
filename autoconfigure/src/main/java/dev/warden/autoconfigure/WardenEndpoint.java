package dev.warden.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.internal.scope.EndpointRegistry;
import dev.warden.internal.scope.StepUp;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * Actuator endpoint {@code warden}: the inventory of the application's endpoints and what each
 * requires — the same list Warden logs at startup. Exposed like any Actuator endpoint
 * ({@code management.endpoints.web.exposure.include=warden}); it needs a token with the Actuator
 * scope unless it is on a public path.
 */
@Endpoint(id = "warden")
public class WardenEndpoint {

	private final EndpointRegistry registry;

	private final WardenProperties properties;

	WardenEndpoint(EndpointRegistry registry, WardenProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	/**
	 * The inventory.
	 * @return the default policy, strict mode and every endpoint
	 */
	@ReadOperation
	public Map<String, Object> inventory() {
		List<Map<String, Object>> endpoints = new ArrayList<>();
		for (EndpointRegistry.Endpoint endpoint : this.registry.endpoints()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("methods", List.copyOf(endpoint.methods()));
			entry.put("patterns", List.copyOf(endpoint.patterns()));
			entry.put("rule", endpoint.requirement().rule().name().toLowerCase(java.util.Locale.ROOT));
			entry.put("scopes", List.copyOf(endpoint.requirement().scopes()));
			if (endpoint.requirement().liveCheck()) {
				entry.put("liveCheck", true);
			}
			if (endpoint.requirement().dpop()) {
				entry.put("dpop", true);
			}
			if (!endpoint.requirement().issuers().isEmpty()) {
				entry.put("issuers", List.copyOf(endpoint.requirement().issuers()));
			}
			StepUp stepUp = endpoint.requirement().stepUp();
			if (stepUp != null) {
				Map<String, Object> signIn = new LinkedHashMap<>();
				if (stepUp.acr() != null) {
					signIn.put("acr", stepUp.acr());
				}
				if (stepUp.maxAge() != null) {
					signIn.put("maxAgeSeconds", stepUp.maxAge().toSeconds());
				}
				entry.put("stepUp", signIn);
			}
			entry.put("handler", endpoint.handler());
			endpoints.add(entry);
		}
		Map<String, Object> inventory = new LinkedHashMap<>();
		inventory.put("defaultPolicy", this.properties.getScopes().getDefaultPolicy().name().toLowerCase(java.util.Locale.ROOT));
		inventory.put("strict", this.properties.getScopes().isStrict());
		inventory.put("undeclared", this.registry.undeclared().size());
		inventory.put("endpoints", endpoints);
		return inventory;
	}

}
