package dev.warden.sample;

import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiTestKitIssuersContract}, on Spring MVC.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithWardenIssuer(audience = "orders-api")
@WithWardenIssuer(name = "partner", audience = "partner-api")
class SampleApiTestKitIssuersTest extends SampleApiTestKitIssuersContract {

}
