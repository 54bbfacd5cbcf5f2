package dev.warden.autoconfigure;

import java.util.List;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Adjusts the application's token validators — the checks that run after all of Warden's own, on
 * every request — in Spring Boot's style: declare beans of this type, ordered with {@code @Order}.
 * The list starts with the application's {@code OAuth2TokenValidator<Jwt>} beans, in their order;
 * a customizer may add, remove or reorder. For example, to refuse tokens of a tenant this service
 * does not serve:
 * <pre class="code">
 * &#64;Bean
 * WardenTokenValidatorsCustomizer tenants() {
 *     return (validators) -&gt; validators.add(new JwtClaimValidator&lt;String&gt;("tenant", "acme"::equals));
 * }
 * </pre>
 * A failing validator's description is the sentence the client gets with its 401; keep it free of
 * token content.
 */
@FunctionalInterface
public interface WardenTokenValidatorsCustomizer {

	/**
	 * Adjusts the validators.
	 * @param validators the application's validators, in order; modifiable
	 */
	void customize(List<OAuth2TokenValidator<Jwt>> validators);

}
