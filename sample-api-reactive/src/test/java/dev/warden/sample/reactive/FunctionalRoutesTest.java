package dev.warden.sample.reactive;

import dev.warden.test.BearerAnswers;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import dev.warden.test.WithWardenIssuer;
import dev.warden.web.WardenRoutes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functional routes next to the sample's controllers: a route declared with {@link WardenRoutes} is
 * enforced as an annotated method is, and a route declared with nothing is denied by the sample's
 * {@code deny} default policy.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FunctionalRoutesTest.Routes.class)
class FunctionalRoutesTest {

	static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	@Test
	void aDeclaredRouteNeedsItsScope() {
		BearerAnswers.missingToken(this.http.get("/api/reports", null));
		BearerAnswers.insufficientScope(this.http.get("/api/reports", issuer.token().scopes("orders:read").sign()),
				"reports:read");
		Http.Answer answer = this.http.get("/api/reports", issuer.token().scopes("reports:read").sign());
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("reports");
	}

	@Test
	void aPublicRouteReadsNoToken() {
		assertThat(this.http.get("/public/status", "not-a-token").status()).isEqualTo(200);
	}

	@Test
	void anUndeclaredRouteIsDeniedByDefault() {
		Http.Answer answer = this.http.get("/api/undeclared", issuer.token().scopes("orders:read").sign());
		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Routes {

		@Bean
		RouterFunction<ServerResponse> reports() {
			return RouterFunctions.route()
				.GET("/api/reports",
						WardenRoutes.requireScope("reports:read").handle((request) -> ServerResponse.ok().bodyValue("reports")))
				.GET("/public/status",
						WardenRoutes.publicEndpoint().handle((request) -> ServerResponse.ok().bodyValue("up")))
				.GET("/api/undeclared", (request) -> ServerResponse.ok().bodyValue("open?"))
				.build();
		}

	}

}
