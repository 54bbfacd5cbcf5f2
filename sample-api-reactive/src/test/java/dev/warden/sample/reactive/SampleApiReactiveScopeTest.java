package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiScopeContract;
import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiScopeContract}, unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api", introspection = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApiReactiveScopeTest extends SampleApiScopeContract {

}
