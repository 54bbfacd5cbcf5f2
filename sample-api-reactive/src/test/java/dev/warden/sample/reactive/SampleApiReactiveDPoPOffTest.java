package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiDPoPOffContract;
import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiDPoPOffContract}, unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "warden.dpop.enabled=false")
class SampleApiReactiveDPoPOffTest extends SampleApiDPoPOffContract {

}
