package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiDPoPContract;
import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiDPoPContract}, unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApiReactiveDPoPTest extends SampleApiDPoPContract {

}
