package dev.warden.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Picks which of a test's issuers ({@link WithWardenIssuer#name()}) a {@link WardenTestIssuer}
 * parameter receives. Without it, a parameter receives the issuer named {@code default}, else the
 * first one declared.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NamedIssuer {

	/**
	 * The issuer's configured name.
	 * @return the name
	 */
	String value();

}
