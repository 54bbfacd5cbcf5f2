package dev.warden.sample;

import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiLiveCheckContract}, on Spring MVC.
 */
@WithWardenIssuer(audience = "orders-api", introspection = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "warden.introspection.on-failure=allow")
class SampleApiLiveCheckTest extends SampleApiLiveCheckContract {

}
