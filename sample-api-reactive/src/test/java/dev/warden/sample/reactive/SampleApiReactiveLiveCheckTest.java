package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiLiveCheckContract;
import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiLiveCheckContract}, unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api", introspection = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "warden.introspection.on-failure=allow")
class SampleApiReactiveLiveCheckTest extends SampleApiLiveCheckContract {

}
