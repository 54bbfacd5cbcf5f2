package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiJwksOutageContract;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiJwksOutageContract}, unchanged, on WebFlux.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "warden.jwks.min-refresh-interval=20s")
class SampleApiReactiveJwksOutageTest extends SampleApiJwksOutageContract {

}
