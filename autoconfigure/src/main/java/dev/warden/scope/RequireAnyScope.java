package dev.warden.scope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs a token that grants <em>at least one</em> of these scopes. On a controller
 * method or class (the method's declaration wins), or as a meta-annotation.
 *
 * @see RequireScope
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireAnyScope {

	/**
	 * The scopes, any one of which suffices. Matching is exact and case-sensitive.
	 * @return the scopes
	 */
	String[] value();

}
