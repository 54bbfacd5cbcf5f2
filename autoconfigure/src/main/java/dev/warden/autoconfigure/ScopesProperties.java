package dev.warden.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.warden.scope.DefaultPolicy;

/**
 * Per-endpoint scope enforcement.
 */
public class ScopesProperties {

	/**
	 * What happens to an application endpoint that declares no access rule: 'deny' (403) or
	 * 'authenticated' (any valid token).
	 */
	private DefaultPolicy defaultPolicy = DefaultPolicy.DENY;

	/**
	 * Whether an application endpoint without an access rule fails startup.
	 */
	private boolean strict = false;

	/**
	 * Claims that carry the token's scopes, in order; the first one present is used.
	 */
	private List<String> claims = new ArrayList<>(List.of("scope", "scp"));

	/**
	 * Characters that separate scopes inside a string claim, e.g. " ," to accept commas too.
	 */
	private String delimiters = " ";

	/**
	 * Whether a 403 names the scopes the endpoint requires (RFC 6750 scope attribute), so
	 * clients can ask for just the scope they lack.
	 */
	private boolean nameRequiredScopes = true;

	/**
	 * Scope required for Actuator endpoints that are not public paths. Empty: any valid
	 * token.
	 */
	private String actuatorScope = "actuator";

	public DefaultPolicy getDefaultPolicy() {
		return this.defaultPolicy;
	}

	public void setDefaultPolicy(DefaultPolicy defaultPolicy) {
		this.defaultPolicy = defaultPolicy;
	}

	public boolean isStrict() {
		return this.strict;
	}

	public void setStrict(boolean strict) {
		this.strict = strict;
	}

	public List<String> getClaims() {
		return this.claims;
	}

	public void setClaims(List<String> claims) {
		this.claims = claims;
	}

	public String getDelimiters() {
		return this.delimiters;
	}

	public void setDelimiters(String delimiters) {
		this.delimiters = delimiters;
	}

	public boolean isNameRequiredScopes() {
		return this.nameRequiredScopes;
	}

	public void setNameRequiredScopes(boolean nameRequiredScopes) {
		this.nameRequiredScopes = nameRequiredScopes;
	}

	public String getActuatorScope() {
		return this.actuatorScope;
	}

	public void setActuatorScope(String actuatorScope) {
		this.actuatorScope = actuatorScope;
	}

}
