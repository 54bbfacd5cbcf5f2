package dev.warden.internal.introspection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live checks of the trusted issuers that have an introspection client, one per issuer: a
 * token is checked at the authorization server that issued it. Internal: not part of Warden's API.
 */
public final class IntrospectionCheckers {

	/**
	 * One issuer's live check.
	 *
	 * @param name the issuer's configured name
	 * @param issuer the exact {@code iss} of its tokens
	 * @param checker the check
	 * @param everyRequest whether every request with its tokens is checked
	 * ({@code introspection.enabled})
	 * @param opaqueTokens whether it introspects opaque tokens ({@code accept-opaque-tokens})
	 */
	public record Checker(String name, String issuer, RevocationChecker checker, boolean everyRequest,
			boolean opaqueTokens) {
	}

	private final List<Checker> all;

	private final Map<String, Checker> byIssuer = new LinkedHashMap<>();

	/**
	 * Creates the set.
	 * @param checkers one per issuer with an introspection client
	 */
	public IntrospectionCheckers(List<Checker> checkers) {
		this.all = List.copyOf(checkers);
		checkers.forEach((checker) -> this.byIssuer.put(checker.issuer(), checker));
	}

	/**
	 * Every issuer's check.
	 * @return the checks
	 */
	public List<Checker> all() {
		return this.all;
	}

	/**
	 * The check of the issuer a token names.
	 * @param iss the token's {@code iss}
	 * @return the check, or {@code null} when that issuer has no introspection client
	 */
	public Checker forIssuer(String iss) {
		return (iss != null) ? this.byIssuer.get(iss) : null;
	}

	/**
	 * The check that introspects opaque tokens.
	 * @return the check, or {@code null} when opaque tokens are not accepted
	 */
	public Checker opaqueTokens() {
		return this.all.stream().filter(Checker::opaqueTokens).findFirst().orElse(null);
	}

	/**
	 * Whether some issuer's tokens are checked on every request.
	 * @return whether global mode is on for at least one issuer
	 */
	public boolean everyRequestAnywhere() {
		return this.all.stream().anyMatch(Checker::everyRequest);
	}

}
