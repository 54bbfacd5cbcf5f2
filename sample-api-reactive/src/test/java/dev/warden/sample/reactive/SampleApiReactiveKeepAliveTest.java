package dev.warden.sample.reactive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.warden.test.WardenTestIssuer;
import dev.warden.test.WithWardenIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One keep-alive connection, each request sent as soon as the previous answer arrives, alternating
 * answers made on the event loop (the metadata document) with answers that follow work elsewhere
 * (a new token's signature, an expired token's refusal): every request is answered. Reactor Netty
 * 1.3.6 stops reading such a connection when an exchange completes off its event loop.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApiReactiveKeepAliveTest {

	static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	@Test
	void aKeepAliveConnectionKeepsAnsweringAfterWorkOffTheEventLoop() throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		String expired = issuer.token().scopes("orders:read").expiresAt(Instant.now().minusSeconds(3600)).sign();
		List<Integer> statuses = new ArrayList<>();
		List<Integer> unanswered = new ArrayList<>();
		for (int i = 0; i < 200 && unanswered.isEmpty(); i++) {
			String token = switch (i % 3) {
				case 0 -> expired;
				case 1 -> issuer.token().scopes("orders:read").sign();
				default -> null;
			};
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port
					+ ((token != null) ? "/api/orders" : "/.well-known/oauth-protected-resource")));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			try {
				statuses.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
					.get(5, TimeUnit.SECONDS)
					.statusCode());
			}
			catch (TimeoutException ex) {
				unanswered.add(i);
			}
		}
		assertThat(unanswered).as("requests left unanswered").isEmpty();
		assertThat(statuses).hasSize(200).containsOnly(200, 401);
	}

	/**
	 * Spring Boot answers Actuator's health (its blocking indicators) and Prometheus endpoints on
	 * the bounded elastic scheduler; a scraper or probe that keeps its connection open must be
	 * answered just the same.
	 */
	@Test
	void aKeepAliveConnectionKeepsAnsweringAfterActuatorAnswersMadeOffTheEventLoop() throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		List<Integer> statuses = new ArrayList<>();
		List<Integer> unanswered = new ArrayList<>();
		for (int i = 0; i < 900 && unanswered.isEmpty(); i++) {
			String path = switch (i % 3) {
				case 0 -> "/actuator/health";
				case 1 -> "/actuator/prometheus";
				default -> "/.well-known/oauth-protected-resource";
			};
			try {
				statuses.add(client
					.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
							HttpResponse.BodyHandlers.discarding())
					.get(5, TimeUnit.SECONDS)
					.statusCode());
			}
			catch (TimeoutException ex) {
				unanswered.add(i);
			}
		}
		assertThat(unanswered).as("requests left unanswered").isEmpty();
		assertThat(statuses).hasSize(900).containsOnly(200);
	}

}
