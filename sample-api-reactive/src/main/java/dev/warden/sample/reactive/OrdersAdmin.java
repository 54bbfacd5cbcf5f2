package dev.warden.sample.reactive;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.warden.scope.RequireScope;

/**
 * A team's own name for "needs {@code orders:admin}": Warden's annotations work as
 * meta-annotations.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@RequireScope("orders:admin")
@interface OrdersAdmin {

}
