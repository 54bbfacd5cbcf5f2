package dev.warden.scope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restricts an endpoint to tokens of the named trusted issuers ({@code warden.issuers.<name>}, or
 * {@code default} for {@code warden.issuer}): partner tokens only on partner endpoints. A valid
 * token of another trusted issuer is refused with 403 {@code insufficient_scope}, before its
 * scopes are looked at. On a method (which wins over its class), on a controller (every handler in
 * it), or as a meta-annotation. A name that is not configured fails startup.
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireIssuer {

	/**
	 * The configured names of the issuers whose tokens the endpoint accepts.
	 * @return the names
	 */
	String[] value();

}
