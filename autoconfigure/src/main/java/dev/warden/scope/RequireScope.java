package dev.warden.scope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs a token that grants <em>all</em> of these scopes. On a controller method or
 * class (the method's declaration wins), or as a meta-annotation:
 *
 * <pre class="code">
 * &#64;Target(ElementType.METHOD)
 * &#64;Retention(RetentionPolicy.RUNTIME)
 * &#64;RequireScope("orders:read")
 * public &#64;interface OrdersRead {
 * }
 * </pre>
 *
 * A token without them is answered 403 {@code insufficient_scope} naming the scopes.
 *
 * @see RequireAnyScope
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireScope {

	/**
	 * The scopes, all of which are required. Matching is exact and case-sensitive.
	 * @return the scopes
	 */
	String[] value();

}
