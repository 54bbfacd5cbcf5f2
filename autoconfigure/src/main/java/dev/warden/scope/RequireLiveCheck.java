package dev.warden.scope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint checks the token live against the authorization server's introspection endpoint
 * (RFC 7662) on every request — cached for {@code warden.introspection.cache-ttl} — so a revoked
 * token is refused even while it has not expired. Combine it with a scope declaration:
 *
 * <pre class="code">
 * &#64;DeleteMapping("/{id}")
 * &#64;RequireScope("orders:admin")
 * &#64;RequireLiveCheck
 * </pre>
 *
 * Needs {@code warden.introspection.client-id} and {@code client-secret}. Answers are 401 (token
 * not active) or 503 (introspection unavailable), never 403. Redundant when
 * {@code warden.introspection.enabled=true} checks every request.
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireLiveCheck {

}
