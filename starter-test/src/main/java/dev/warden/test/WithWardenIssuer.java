package dev.warden.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Points the {@code warden.*} properties of a Spring test context at a local
 * {@link WardenTestIssuer} (issuer, JWKS and audience; the introspection client too when
 * {@link #introspection()} says so), and lets test methods take the issuer as a parameter:
 *
 * <pre class="code">
 * &#64;SpringBootTest(webEnvironment = RANDOM_PORT)
 * &#64;WithWardenIssuer(audience = "orders-api")
 * class OrdersTests {
 *
 *     &#64;Test
 *     void readerCanList(WardenTestIssuer issuer, &#64;LocalServerPort int port) {
 *         String token = issuer.token().scopes("orders:read").sign();
 *         // call http://127.0.0.1:port/api/orders with "Authorization: Bearer " + token
 *     }
 * }
 * </pre>
 *
 * Repeat it to stand up several trusted issuers: each one but {@code default} is configured under
 * {@code warden.issuers.<name>.*}, and a test method takes it as a parameter annotated with
 * {@link NamedIssuer}:
 *
 * <pre class="code">
 * &#64;WithWardenIssuer(audience = "orders-api")
 * &#64;WithWardenIssuer(name = "partner", audience = "partner-api")
 * class PartnerTests {
 *
 *     &#64;Test
 *     void partnerTokensReachPartnerEndpoints(WardenTestIssuer internal,
 *             &#64;NamedIssuer("partner") WardenTestIssuer partner) {
 *         // ...
 *     }
 * }
 * </pre>
 *
 * One issuer per name and audience is shared by the whole test JVM, so it outlives Spring's cached
 * test contexts that point at it; its failure switches are reset before each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(WithWardenIssuers.class)
@ExtendWith(WardenIssuerExtension.class)
public @interface WithWardenIssuer {

	/**
	 * The issuer's configured name: {@code default} sets {@code warden.issuer}, {@code warden.jwks-uri}
	 * and {@code warden.audiences}; any other name sets {@code warden.issuers.<name>.*}.
	 * @return the name
	 */
	String name() default "default";

	/**
	 * The audience the application accepts ({@code warden.audiences}) and minted tokens carry.
	 * @return the audience
	 */
	String audience() default "test-api";

	/**
	 * Whether the application's introspection client is pointed at this issuer too
	 * ({@code introspection.uri}, {@code client-id} and {@code client-secret} of the kit's client).
	 * Off by default: a test then runs with the application's own introspection settings, as
	 * production does, so a missing or wrong client shows up in tests instead of in production.
	 * @return whether the kit supplies the introspection client
	 */
	boolean introspection() default false;

}
