package dev.warden.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Holds repeated {@link WithWardenIssuer} annotations: several trusted issuers in one test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(WardenIssuerExtension.class)
public @interface WithWardenIssuers {

	/**
	 * The issuers.
	 * @return the issuers
	 */
	WithWardenIssuer[] value();

}
