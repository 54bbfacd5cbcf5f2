package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiReplayCacheOutageContract;
import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The sample API's contract of {@link SampleApiReplayCacheOutageContract}, unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SampleApiReplayCacheOutageContract.UnreachableStore.class)
class SampleApiReactiveReplayCacheOutageTest extends SampleApiReplayCacheOutageContract {

}
