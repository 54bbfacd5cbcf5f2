package dev.warden.scope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that an endpoint accepts only DPoP-bound access tokens (RFC 9449), presented with the
 * {@code DPoP} scheme and a proof: a bearer token, however valid, is refused with 401 and a
 * {@code DPoP} challenge — the sender constraint FAPI 2.0 asks for. On a method, on a controller
 * (every handler in it), or as a meta-annotation. {@code warden.dpop.required=true} does the same
 * for the whole service.
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireDPoP {

}
