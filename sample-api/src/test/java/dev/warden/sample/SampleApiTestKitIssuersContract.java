package dev.warden.sample;

import dev.warden.test.Http;
import dev.warden.test.NamedIssuer;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test kit stands up several issuers: {@code default} through {@code warden.issuer}, a named
 * one through {@code warden.issuers.<name>.*}, each its own server with its own keys.
 * <p>
 * Written once and run against both samples ({@code SampleApiTestKitIssuersTest} on Spring MVC,
 * {@code SampleApiReactiveTestKitIssuersTest} on WebFlux).
 */
public abstract class SampleApiTestKitIssuersContract {

	@LocalServerPort
	int port;

	@Test
	void eachDeclaredIssuerIsTrustedWithItsAudience(WardenTestIssuer internal,
			@NamedIssuer("partner") WardenTestIssuer partner) {
		assertThat(internal.issuer()).isNotEqualTo(partner.issuer());
		assertThat(internal.rsaKey().getKeyID()).isNotEqualTo(partner.rsaKey().getKeyID());
		Http http = new Http(this.port);
		assertThat(http.get("/api/orders", internal.token().scopes("orders:read").sign()).status()).isEqualTo(200);
		assertThat(http.get("/api/orders", partner.token().scopes("orders:read").sign()).status()).isEqualTo(200);
		// each with its own audience only
		assertThat(http.get("/api/orders", partner.token().audience("orders-api").scopes("orders:read").sign()).status())
			.isEqualTo(401);
	}

	@Test
	void theDefaultIssuerIsTheSameAsASingleDeclarationGets(WardenTestIssuer internal) {
		assertThat(internal).isSameAs(WardenTestIssuer.shared("orders-api"));
		assertThat(internal).isNotSameAs(WardenTestIssuer.shared("partner", "partner-api"));
	}

}
