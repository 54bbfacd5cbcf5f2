package dev.warden.sample;

import dev.warden.test.BearerAnswers;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code warden.scopes.delimiters=" ,"}, an authorization server that separates scopes with
 * commas is understood.
 * <p>
 * Written once and run against both samples ({@code SampleApiCommaScopesTest} on Spring MVC,
 * {@code SampleApiReactiveCommaScopesTest} on WebFlux).
 */
public abstract class SampleApiCommaScopesContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	@Test
	void commaDelimitedScopesAreSplitWhenConfigured() {
		Http http = new Http(this.port);
		assertThat(http.get("/api/orders", issuer.token().scopes("openid,orders:read").sign()).status()).isEqualTo(200);
		assertThat(http.get("/api/orders", issuer.token().scopes("openid, orders:read").sign()).status()).isEqualTo(200);
		BearerAnswers.insufficientScope(http.get("/api/orders", issuer.token().scopes("openid,orders:write").sign()),
				"orders:read");
	}

}
