package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiDPoPObservabilityContract;
import dev.warden.test.WithWardenIssuer;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The sample API's contract of {@link SampleApiDPoPObservabilityContract}, unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SampleApiReactiveDPoPObservabilityTest extends SampleApiDPoPObservabilityContract {

}
