package dev.warden.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithSecurityContext;

/**
 * Runs a test as the bearer of a token with these claims, for slice tests ({@code @WebMvcTest})
 * that call controllers through MockMvc without a real HTTP request:
 *
 * <pre class="code">
 * &#64;WebMvcTest(OrdersController.class)
 * class OrdersControllerTests {
 *
 *     &#64;Test
 *     &#64;WithJwt(scopes = "orders:read")
 *     void lists(&#64;Autowired MockMvc mvc) throws Exception {
 *         mvc.perform(get("/api/orders")).andExpect(status().isOk());
 *     }
 * }
 * </pre>
 *
 * The token is minted and signed by the shared {@link WardenTestIssuer} and turned into an
 * authentication by the application's own JWT authentication converter (Warden's, configured by
 * {@code warden.scopes.*}); Warden's scope checks then run on it as in production (Warden's
 * auto-configuration is part of the {@code @WebMvcTest} slice). For tests that send real requests,
 * send a real token instead: see {@link WithWardenIssuer}.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithSecurityContext(factory = WithJwtSecurityContextFactory.class, setupBefore = TestExecutionEvent.TEST_METHOD)
public @interface WithJwt {

	/**
	 * The scopes granted ({@code scope} claim).
	 * @return the scopes
	 */
	String[] scopes() default {};

	/**
	 * The subject ({@code sub}).
	 * @return the subject
	 */
	String subject() default "alice";

	/**
	 * The client ({@code client_id}); empty for none.
	 * @return the client id
	 */
	String clientId() default "";

	/**
	 * The audience; must match the application's {@code warden.audiences}.
	 * @return the audience
	 */
	String audience() default "test-api";

	/**
	 * The authentication context class of the sign-in ({@code acr}, e.g. {@code mfa}), for
	 * step-up endpoints; empty for none.
	 * @return the level
	 */
	String acr() default "";

	/**
	 * How many seconds ago the user signed in ({@code auth_time}), for step-up endpoints; negative
	 * for no {@code auth_time}.
	 * @return the age of the sign-in in seconds
	 */
	long authTimeSecondsAgo() default -1;

}
