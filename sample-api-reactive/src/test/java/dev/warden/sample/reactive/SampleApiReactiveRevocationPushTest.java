package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiRevocationPushContract;
import dev.warden.test.WithWardenIssuer;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The sample API's contract of {@link SampleApiRevocationPushContract}, unchanged, on WebFlux.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.revocation.push.enabled=true",
				"warden.revocation.push.authorization=Bearer push-secret" })
@WithWardenIssuer(audience = "orders-api")
@ExtendWith(OutputCaptureExtension.class)
class SampleApiReactiveRevocationPushTest extends SampleApiRevocationPushContract {

}
