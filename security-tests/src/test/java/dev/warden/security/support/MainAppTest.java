package dev.warden.security.support;

import dev.warden.security.app.HardenedTestApplication;
import dev.warden.test.TestIssuer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application under attack with Warden's defaults (RS/PS/ES algorithms, 60 s skew, 6 KB
 * tokens) and a per-endpoint live check through introspection with short timeouts
 * (300 ms + 300 ms). Every subclass shares one issuer and one application context.
 */
@SpringBootTest(classes = HardenedTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.audiences=" + TestIssuer.AUDIENCE,
				"warden.introspection.client-id=" + TestIssuer.CLIENT_ID,
				"warden.introspection.client-secret=" + TestIssuer.CLIENT_SECRET,
				"warden.introspection.connect-timeout=300ms", "warden.introspection.read-timeout=300ms",
				"logging.level.dev.warden=TRACE" })
public abstract class MainAppTest extends AppTestSupport {

	/** Introspection deadline (connect + read timeout) of this application. */
	protected static final java.time.Duration INTROSPECTION_DEADLINE = java.time.Duration.ofMillis(600);

	protected static final TestIssuer issuer = SharedIssuers.main();

	@DynamicPropertySource
	static void warden(DynamicPropertyRegistry registry) {
		registry.add("warden.issuer", issuer::issuer);
		registry.add("warden.jwks-uri", () -> issuer.jwksUri().toString());
		registry.add("warden.introspection.uri", () -> issuer.introspectionUri().toString());
	}

}
