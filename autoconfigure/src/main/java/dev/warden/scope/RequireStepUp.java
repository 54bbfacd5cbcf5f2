package dev.warden.scope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs a stronger or more recent sign-in than any valid token carries (RFC 9470,
 * step-up authentication): an authentication context class ({@code acr}) at or above a level,
 * and/or a sign-in ({@code auth_time}) no older than a maximum age. Combine it with a scope
 * declaration:
 *
 * <pre class="code">
 * &#64;PostMapping("/{id}/refund")
 * &#64;RequireScope("orders:write")
 * &#64;RequireStepUp(acr = "mfa", maxAge = "300s")
 * </pre>
 *
 * A token with the scope but a weaker or older sign-in is answered 401
 * {@code insufficient_user_authentication} with {@code acr_values} and/or {@code max_age}, so the
 * client sends the user back to the authorization server (a token without the scope is still a
 * 403: a stronger sign-in would not help). Levels are ordered by {@code warden.step-up.acr-levels},
 * lowest first; without that list only the exact {@code acr} passes. Works on methods (which win),
 * on controllers, and as a meta-annotation.
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireStepUp {

	/**
	 * The lowest {@code acr} accepted, e.g. {@code mfa}; empty for no level.
	 * @return the level
	 */
	String acr() default "";

	/**
	 * How long ago the user may have signed in ({@code auth_time}), e.g. {@code 300s}, {@code 5m} or
	 * {@code PT5M}; the clock skew is added. Empty for no limit.
	 * @return the maximum age
	 */
	String maxAge() default "";

}
