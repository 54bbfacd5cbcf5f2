package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiCommaScopesContract;
import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiCommaScopesContract}, unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "warden.scopes.delimiters=\\u0020,")
class SampleApiReactiveCommaScopesTest extends SampleApiCommaScopesContract {

}
