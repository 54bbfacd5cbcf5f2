package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiStepUpOpaqueContract;
import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiStepUpOpaqueContract}, unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api", introspection = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "warden.introspection.accept-opaque-tokens=true")
class SampleApiReactiveStepUpOpaqueTest extends SampleApiStepUpOpaqueContract {

}
