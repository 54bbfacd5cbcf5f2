package dev.warden.autoconfigure;

import java.net.http.HttpClient;

/**
 * Customizes the JDK {@link HttpClient}s Warden uses to call the authorization server (JWKS,
 * metadata, introspection), in Spring Boot's style: declare beans of this type, ordered with
 * {@code @Order}. Warden sets the connect timeout, the SSL bundle, no redirects and HTTP/1.1 first;
 * a customizer may set, say, a proxy or an authenticator. Deadlines and size limits stay Warden's.
 */
@FunctionalInterface
public interface WardenHttpClientCustomizer {

	/**
	 * Customizes a client before it is built.
	 * @param builder the builder
	 */
	void customize(HttpClient.Builder builder);

}
