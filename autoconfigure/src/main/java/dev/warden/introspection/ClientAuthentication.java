package dev.warden.introspection;

/** How this service authenticates at the introspection endpoint (RFC 7662 §2.1). */
public enum ClientAuthentication {

	/** HTTP Basic with the form-encoded client id and secret. */
	CLIENT_SECRET_BASIC,

	/** {@code client_id} and {@code client_secret} in the form body. */
	CLIENT_SECRET_POST

}
