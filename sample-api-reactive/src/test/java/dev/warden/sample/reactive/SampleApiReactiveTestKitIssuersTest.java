package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiTestKitIssuersContract;
import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiTestKitIssuersContract}, unchanged, on WebFlux.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithWardenIssuer(audience = "orders-api")
@WithWardenIssuer(name = "partner", audience = "partner-api")
class SampleApiReactiveTestKitIssuersTest extends SampleApiTestKitIssuersContract {

}
