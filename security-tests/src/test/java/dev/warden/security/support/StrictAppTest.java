package dev.warden.security.support;

import dev.warden.security.app.HardenedTestApplication;
import dev.warden.test.TestIssuer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with the narrowest algorithm allow-list ({@code warden.algorithms=RS256}) and
 * the largest token Warden allows ({@code warden.max-token-size=64KB}, with Tomcat's header limit
 * raised to match), so that the parser itself can be attacked with large inputs over HTTP.
 */
@SpringBootTest(classes = HardenedTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.audiences=" + TestIssuer.AUDIENCE, "warden.algorithms=RS256", "warden.max-token-size=64KB",
				"warden.introspection.client-id=" + TestIssuer.CLIENT_ID,
				"warden.introspection.client-secret=" + TestIssuer.CLIENT_SECRET,
				"server.max-http-request-header-size=128KB", "logging.level.dev.warden=TRACE" })
public abstract class StrictAppTest extends AppTestSupport {

	protected static final TestIssuer issuer = TestIssuer.start();

	@DynamicPropertySource
	static void warden(DynamicPropertyRegistry registry) {
		registry.add("warden.issuer", issuer::issuer);
		registry.add("warden.jwks-uri", () -> issuer.jwksUri().toString());
		registry.add("warden.introspection.uri", () -> issuer.introspectionUri().toString());
	}

}
