package dev.warden.sample.reactive;

import dev.warden.test.WardenTestIssuer;
import dev.warden.test.WithJwt;
import dev.warden.test.WithWardenIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The test kit in a {@code @WebFluxTest} slice with {@link WebTestClient}: Warden's chain is
 * there, real tokens of {@link WithWardenIssuer} are verified by it, and {@link WithJwt} stands in
 * for a token, as in a {@code @WebMvcTest} slice.
 */
@WebFluxTest(OrdersController.class)
@WithWardenIssuer(audience = "orders-api")
class OrdersControllerReactiveSliceTest {

	static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@Autowired
	WebTestClient client;

	@Test
	void aRealTokenOfTheTestIssuerLists() {
		this.client.get()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.token().scopes("orders:read").sign())
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aReaderCannotWriteAndIsToldTheScope() {
		this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.token().scopes("orders:read").sign())
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"insufficient_scope\", error_description=\"The access token lacks a scope this "
							+ "endpoint requires (all of: orders:write).\", scope=\"orders:write\"");
	}

	@Test
	@WithJwt(scopes = "orders:write", audience = "orders-api")
	void withJwtStandsInForAWriterToken() {
		this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.bodyValue("{\"item\":\"tea\"}")
			.exchange()
			.expectStatus()
			.isCreated();
	}

	@Test
	@WithJwt(scopes = "orders:write", audience = "orders-api", acr = "pwd", authTimeSecondsAgo = 10)
	void aPasswordSignInIsAskedToStepUp() {
		this.client.post()
			.uri("/api/orders/1/refund")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> org.assertj.core.api.Assertions.assertThat(challenge)
				.contains("error=\"insufficient_user_authentication\", error_description=\"This endpoint requires a "
						+ "sign-in at level mfa or above\", acr_values=\"mfa phr\", max_age=\"300\""));
	}

	@Test
	void withoutATokenIs401() {
		this.client.get()
			.uri("/api/orders")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer resource_metadata=\"http://localhost/.well-known/oauth-protected-resource\"");
	}

}
