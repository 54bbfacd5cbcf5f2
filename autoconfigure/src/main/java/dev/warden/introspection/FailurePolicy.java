package dev.warden.introspection;

/** What a request gets when the introspection endpoint cannot answer. */
public enum FailurePolicy {

	/** 503 with {@code Retry-After}: nothing is let through unchecked. */
	DENY,

	/** The locally valid JWT is accepted; counted and logged. Opaque tokens are still refused. */
	ALLOW

}
