package dev.warden.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.scope.EndpointInventory;
import dev.warden.internal.scope.EndpointRegistry;
import dev.warden.scope.LiveTokenCheck;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The checks Warden makes of the endpoint inventory at the end of startup, whatever the web stack:
 * it logs the inventory, then fails startup for declarations that could never be met (an unknown
 * {@code @RequireIssuer} name, a live check without a client, a step-up level outside the list,
 * DPoP endpoints while DPoP is off, undeclared endpoints in strict mode) and warns about live-check
 * endpoints that accept issuers without an introspection client.
 */
final class EndpointInventoryChecks {

	/** The logger the warning has always been written to, for both web stacks. */
	private static final Log LOGGER = LogFactory.getLog("dev.warden.autoconfigure.WardenScopeAutoConfiguration");

	private EndpointInventoryChecks() {
	}

	/**
	 * Logs and checks the inventory.
	 * @param registry the endpoints
	 * @param properties Warden's properties
	 * @param liveTokenCheck the live check, or {@code null}
	 * @param wardensDecoder whether the decoder is Warden's own pipeline (which checks DPoP proofs)
	 * @param trusted the trusted issuers, or {@code null} with an application decoder
	 * @param checkers the introspection clients, or {@code null}
	 * @throws InvalidWardenPropertyException for declarations the configuration cannot meet
	 */
	static void check(EndpointInventory registry, WardenProperties properties, LiveTokenCheck liveTokenCheck,
			boolean wardensDecoder, TrustedIssuers trusted, IntrospectionCheckers checkers) {
		registry.logInventory(properties.getScopes().getDefaultPolicy());
		checkIssuers(registry, trusted);
		if (liveTokenCheck instanceof WardenIntrospectionAutoConfiguration.IntrospectionLiveTokenCheck) {
			checkLiveCheckIssuers(registry, trusted, checkers);
		}
		if (liveTokenCheck == null) {
			List<String> needing = registry.endpoints()
				.stream()
				.filter((endpoint) -> endpoint.requirement().liveCheck())
				.map((endpoint) -> endpoint.route() + " (" + endpoint.handler() + ")")
				.toList();
			if (!needing.isEmpty()) {
				throw new InvalidWardenPropertyException("warden.introspection.client-id", "",
						"these endpoints require a live token check, but no introspection client is configured: "
								+ String.join("; ", needing) + ".",
						"Set warden.introspection.client-id and warden.introspection.client-secret, or remove "
								+ "@RequireLiveCheck from these endpoints.");
			}
		}
		List<String> levels = properties.getStepUp().getAcrLevels().stream().map(String::trim).toList();
		if (!levels.isEmpty()) {
			List<String> unknown = registry.endpoints()
				.stream()
				.filter((endpoint) -> endpoint.requirement().stepUp() != null
						&& endpoint.requirement().stepUp().acr() != null
						&& !levels.contains(endpoint.requirement().stepUp().acr()))
				.map((endpoint) -> endpoint.requirement().stepUp().acr() + " at " + endpoint.route() + " ("
						+ endpoint.handler() + ")")
				.toList();
			if (!unknown.isEmpty()) {
				throw new InvalidWardenPropertyException("warden.step-up.acr-levels", levels,
						"these endpoints require acr levels that are not in the list: " + String.join("; ", unknown)
								+ ".",
						"Add the levels to warden.step-up.acr-levels in their rank, or correct @RequireStepUp on "
								+ "these endpoints.");
			}
		}
		boolean dpopChecked = properties.getDpop().isEnabled() && wardensDecoder;
		if (!dpopChecked) {
			List<String> needing = registry.endpoints()
				.stream()
				.filter((endpoint) -> endpoint.requirement().dpop())
				.map((endpoint) -> endpoint.route() + " (" + endpoint.handler() + ")")
				.toList();
			if (!needing.isEmpty() && !properties.getDpop().isEnabled()) {
				throw new InvalidWardenPropertyException("warden.dpop.enabled", false,
						"these endpoints accept only DPoP-bound tokens, but DPoP is switched off: "
								+ String.join("; ", needing) + ".",
						"Set warden.dpop.enabled=true, or remove @RequireDPoP from these endpoints.");
			}
			if (!needing.isEmpty()) {
				throw new IllegalStateException("These endpoints accept only DPoP-bound tokens, but the "
						+ "application's own JwtDecoder does not check DPoP proofs: " + String.join("; ", needing)
						+ ". Let Warden build the decoder (remove the JwtDecoder bean), or remove @RequireDPoP.");
			}
		}
		if (properties.getScopes().isStrict() && !registry.undeclared().isEmpty()) {
			StringBuilder list = new StringBuilder();
			for (EndpointRegistry.Endpoint endpoint : registry.undeclared()) {
				list.append((list.length() > 0) ? "; " : "")
					.append(endpoint.route())
					.append(" (")
					.append(endpoint.handler())
					.append(')');
			}
			throw new InvalidWardenPropertyException("warden.scopes.strict", true,
					"these endpoints declare no access rule: " + list + ".",
					"Annotate each of them with @RequireScope, @RequireAnyScope, @Authenticated or @PublicEndpoint, "
							+ "or set warden.scopes.strict=false to only warn.");
		}
	}

	/** Every {@code @RequireIssuer} name is a configured issuer. */
	private static void checkIssuers(EndpointInventory registry, TrustedIssuers trusted) {
		List<EndpointRegistry.Endpoint> restricted = registry.endpoints()
			.stream()
			.filter((endpoint) -> !endpoint.requirement().issuers().isEmpty())
			.toList();
		if (restricted.isEmpty()) {
			return;
		}
		if (trusted == null) {
			throw new IllegalStateException("These endpoints accept tokens of named issuers only, but the "
					+ "application's own JwtDecoder does not tell Warden which issuer a token comes from: "
					+ describe(restricted) + ". Let Warden build the decoder (remove the JwtDecoder bean), or remove "
					+ "@RequireIssuer.");
		}
		List<String> unknown = restricted.stream()
			.flatMap((endpoint) -> endpoint.requirement()
				.issuers()
				.stream()
				.filter((name) -> trusted.named(name) == null)
				.map((name) -> name + " at " + endpoint.route() + " (" + endpoint.handler() + ")"))
			.toList();
		if (!unknown.isEmpty()) {
			List<String> names = trusted.all().stream().map(TrustedIssuers.Issuer::name).toList();
			throw new InvalidWardenPropertyException("warden.issuers", names,
					"these endpoints name issuers that are not configured: " + String.join("; ", unknown) + ".",
					"Configure them under warden.issuers.<name> (default is warden.issuer), or correct @RequireIssuer "
							+ "on these endpoints.");
		}
	}

	/**
	 * Warns about {@code @RequireLiveCheck} endpoints that accept tokens of issuers without an
	 * introspection client: such tokens are refused there with 403 (they cannot be checked live).
	 * Not a startup failure: adding an issuer must not stop a service whose live-check endpoints
	 * are meant for another one.
	 */
	private static void checkLiveCheckIssuers(EndpointInventory registry, TrustedIssuers trusted,
			IntrospectionCheckers checkers) {
		if (trusted == null || checkers == null) {
			return;
		}
		List<String> problems = new ArrayList<>();
		for (EndpointRegistry.Endpoint endpoint : registry.endpoints()) {
			if (!endpoint.requirement().liveCheck()) {
				continue;
			}
			List<String> accepted = endpoint.requirement().issuers().isEmpty()
					? trusted.all().stream().map(TrustedIssuers.Issuer::name).toList()
					: List.copyOf(endpoint.requirement().issuers());
			List<String> unchecked = accepted.stream()
				.filter((name) -> trusted.named(name) != null
						&& checkers.forIssuer(trusted.named(name).issuer()) == null)
				.toList();
			if (!unchecked.isEmpty()) {
				problems.add(endpoint.route() + " (" + endpoint.handler() + ") accepts " + String.join(", ", unchecked));
			}
		}
		if (!problems.isEmpty()) {
			LOGGER.warn("These endpoints require a live token check, but accept tokens of issuers without an "
					+ "introspection client, whose tokens they refuse with 403: " + String.join("; ", problems)
					+ ". Set warden.issuers.<name>.introspection.client-id and client-secret for those issuers, or "
					+ "restrict the endpoints with @RequireIssuer.");
		}
	}

	private static String describe(List<EndpointRegistry.Endpoint> endpoints) {
		return String.join("; ", endpoints.stream().map((endpoint) -> endpoint.route() + " (" + endpoint.handler() + ")").toList());
	}

}
