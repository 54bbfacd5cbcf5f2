package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiControllerAdviceContract;
import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The sample API's contract of {@link SampleApiControllerAdviceContract}, unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ SampleApiControllerAdviceContract.SwallowingAdvice.class,
		SampleApiControllerAdviceContract.CheckingController.class })
class SampleApiReactiveControllerAdviceTest extends SampleApiControllerAdviceContract {

}
