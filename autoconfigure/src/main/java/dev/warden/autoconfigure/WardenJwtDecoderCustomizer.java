package dev.warden.autoconfigure;

import dev.warden.jwt.WardenJwtDecoder;

/**
 * Customizes Warden's token pipeline before it is built, in Spring Boot's style: declare beans of
 * this type, ordered with {@code @Order}. For example, to add a check of the application's own that
 * runs after Warden's:
 * <pre>{@code
 * &#64;Bean
 * WardenJwtDecoderCustomizer tenants() {
 *     return (builder) -> builder.validators(List.of(new TenantValidator()));
 * }
 * }</pre>
 * (An {@code OAuth2TokenValidator<Jwt>} bean does the same without a customizer.)
 */
@FunctionalInterface
public interface WardenJwtDecoderCustomizer {

	/**
	 * Customizes the pipeline.
	 * @param builder the builder, with every property already applied
	 */
	void customize(WardenJwtDecoder.Builder builder);

}
