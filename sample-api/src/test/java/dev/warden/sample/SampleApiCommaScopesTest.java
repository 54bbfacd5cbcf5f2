package dev.warden.sample;

import dev.warden.test.Http;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code warden.scopes.delimiters=" ,"}, an authorization server that separates scopes with
 * commas is understood.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "warden.scopes.delimiters=\\u0020,")
class SampleApiCommaScopesTest {

	static final TestIssuer issuer = TestIssuer.start();

	@DynamicPropertySource
	static void warden(DynamicPropertyRegistry registry) {
		registry.add("warden.issuer", issuer::issuer);
		registry.add("warden.jwks-uri", () -> issuer.jwksUri().toString());
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@LocalServerPort
	int port;

	@Test
	void commaDelimitedScopesAreSplitWhenConfigured() {
		Http http = new Http(this.port);
		assertThat(http.get("/api/orders", issuer.token().scopes("openid,orders:read").sign()).status()).isEqualTo(200);
		assertThat(http.get("/api/orders", issuer.token().scopes("openid, orders:read").sign()).status()).isEqualTo(200);
		assertThat(http.get("/api/orders", issuer.token().scopes("openid,orders:write").sign()).status()).isEqualTo(403);
	}

}
