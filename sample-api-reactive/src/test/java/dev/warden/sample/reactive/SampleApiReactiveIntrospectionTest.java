package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiIntrospectionContract;
import dev.warden.test.WithWardenIssuer;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample API's contract of {@link SampleApiIntrospectionContract}, unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api", introspection = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.introspection.enabled=true", "warden.introspection.accept-opaque-tokens=true",
				"warden.introspection.cache-ttl=30s" })
class SampleApiReactiveIntrospectionTest extends SampleApiIntrospectionContract {

}
