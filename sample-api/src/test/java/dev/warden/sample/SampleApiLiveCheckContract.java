package dev.warden.sample;

import dev.warden.test.BearerAnswers;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.IntrospectionAnswer;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-endpoint live check: with global introspection off, only {@code DELETE /api/orders/{id}}
 * ({@code @RequireLiveCheck}) asks the authorization server; its answers are 401 or 503, never
 * 403, and a token without the scope is refused without any call. The {@code allow} policy lets a
 * locally valid token through an outage.
 * <p>
 * Written once and run against both samples ({@code SampleApiLiveCheckTest} on Spring MVC,
 * {@code SampleApiReactiveLiveCheckTest} on WebFlux).
 */
public abstract class SampleApiLiveCheckContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	private Answer delete(String token) {
		return new Http(this.port).send("DELETE", "/api/orders/777", token, null, null);
	}

	@Test
	void onlyTheAnnotatedEndpointIntrospects() {
		int before = issuer.introspectionRequests();
		assertThat(new Http(this.port).get("/api/orders", issuer.token().scopes("orders:read").sign()).status())
			.isEqualTo(200);
		assertThat(issuer.introspectionRequests()).isEqualTo(before);
		assertThat(delete(issuer.token().scopes("orders:admin").sign()).status()).isEqualTo(204);
		assertThat(issuer.introspectionRequests()).isEqualTo(before + 1);
	}

	@Test
	void revokedAdminTokenIs401OnTheLiveCheckedEndpoint() {
		String token = issuer.token().scopes("orders:admin orders:read").sign();
		issuer.revoke(token);
		BearerAnswers.invalidToken(delete(token), "The access token is not active");
		assertThat(new Http(this.port).get("/api/orders", token).status()).isEqualTo(200);
	}

	@Test
	void tokenWithoutTheScopeIs403WithoutAnyCall() {
		int before = issuer.introspectionRequests();
		BearerAnswers.insufficientScope(delete(issuer.token().scopes("orders:read").sign()), "orders:admin");
		assertThat(issuer.introspectionRequests()).isEqualTo(before);
	}

	@Test
	void allowPolicyAcceptsTheLocallyValidTokenDuringAnOutage() {
		issuer.introspectionAnswers((token) -> IntrospectionAnswer.status(503));
		assertThat(delete(issuer.token().scopes("orders:admin").sign()).status()).isEqualTo(204);
	}

}
