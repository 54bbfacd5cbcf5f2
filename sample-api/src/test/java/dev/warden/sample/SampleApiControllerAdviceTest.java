package dev.warden.sample;

import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The sample API's contract of {@link SampleApiControllerAdviceContract}, on Spring MVC.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ SampleApiControllerAdviceContract.SwallowingAdvice.class,
		SampleApiControllerAdviceContract.CheckingController.class })
class SampleApiControllerAdviceTest extends SampleApiControllerAdviceContract {

}
