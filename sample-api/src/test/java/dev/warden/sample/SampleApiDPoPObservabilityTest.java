package dev.warden.sample;

import dev.warden.test.WithWardenIssuer;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The sample API's contract of {@link SampleApiDPoPObservabilityContract}, on Spring MVC.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SampleApiDPoPObservabilityTest extends SampleApiDPoPObservabilityContract {

}
