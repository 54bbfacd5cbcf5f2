package dev.warden.scope;

/**
 * What happens to an application endpoint that declares no access rule.
 */
public enum DefaultPolicy {

	/** Refused with 403 {@code insufficient_scope}: nothing is reachable by accident. */
	DENY,

	/** Any valid token may call it. */
	AUTHENTICATED

}
