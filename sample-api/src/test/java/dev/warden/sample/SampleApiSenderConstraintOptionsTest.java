package dev.warden.sample;

import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiSenderConstraintOptionsContract}, on Spring MVC.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.dpop.required=true", "warden.dpop.nonce.enabled=true",
				"warden.client-certificate.header=X-Client-Cert",
				"warden.resource-metadata.resource=https://api.example.com/orders" })
class SampleApiSenderConstraintOptionsTest extends SampleApiSenderConstraintOptionsContract {

}
