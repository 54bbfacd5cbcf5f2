package dev.warden.scope;

/**
 * Told about every authorization decision for an authenticated request (metrics hang here).
 * Implementations must be fast and must not throw.
 */
public interface AuthorizationListener {

	/** A listener that ignores everything. */
	AuthorizationListener NONE = (outcome, route) -> {
	};

	/**
	 * A decision was made.
	 * @param outcome {@code granted}, {@code insufficient_scope} or {@code undeclared}
	 * @param route the route pattern, {@code actuator}, or {@code unmatched}
	 */
	void decided(String outcome, String route);

}
