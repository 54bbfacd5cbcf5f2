package dev.warden.sample;

import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The sample API's contract of {@link SampleApiReplayCacheOutageContract}, on Spring MVC.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SampleApiReplayCacheOutageContract.UnreachableStore.class)
class SampleApiReplayCacheOutageTest extends SampleApiReplayCacheOutageContract {

}
