package dev.warden.sample;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiJwksOutageContract}, on Spring MVC.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "warden.jwks.min-refresh-interval=20s")
class SampleApiJwksOutageTest extends SampleApiJwksOutageContract {

}
