package dev.warden.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.warden.test.WardenTestIssuer;
import dev.warden.test.WithWardenIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A service team's first test with the test kit (quoted in docs/testing.md). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithWardenIssuer(audience = "orders-api")
class FirstTest {

	@Test
	void readerCanListOrders(WardenTestIssuer issuer, @LocalServerPort int port) throws Exception {
		String token = issuer.token().scopes("orders:read").subject("alice").sign();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
			.header("Authorization", "Bearer " + token)
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

}
