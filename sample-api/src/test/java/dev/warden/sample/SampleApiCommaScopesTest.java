package dev.warden.sample;

import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiCommaScopesContract}, on Spring MVC.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "warden.scopes.delimiters=\\u0020,")
class SampleApiCommaScopesTest extends SampleApiCommaScopesContract {

}
