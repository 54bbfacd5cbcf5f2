package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiResourceMetadataContract;
import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiResourceMetadataContract}, unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApiReactiveResourceMetadataTest extends SampleApiResourceMetadataContract {

}
