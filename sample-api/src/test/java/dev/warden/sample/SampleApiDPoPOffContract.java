package dev.warden.sample;

import java.util.List;

import dev.warden.test.Challenges;
import dev.warden.test.DPoPKey;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code warden.dpop.enabled=false}: the {@code DPoP} scheme counts as no token, a DPoP-bound
 * token is useless, and neither the challenges nor the metadata mention DPoP.
 * <p>
 * Written once and run against both samples ({@code SampleApiDPoPOffTest} on Spring MVC,
 * {@code SampleApiReactiveDPoPOffTest} on WebFlux).
 */
public abstract class SampleApiDPoPOffContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	@Test
	void theDPoPSchemeIsNoToken() {
		DPoPKey key = DPoPKey.ec();
		String token = issuer.token().scopes("orders:read").boundTo(key).sign();
		Answer answer = this.http.raw("/api/orders", List.of("Authorization: DPoP " + token,
				"DPoP: " + key.proof("GET", "http://127.0.0.1:" + this.port + "/api/orders", token)));
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(Challenges.withMetadata("Bearer"));
	}

	@Test
	void aDPoPBoundTokenIsUselessAsABearerToken() {
		Answer answer = this.http.get("/api/orders", issuer.token().scopes("orders:read").boundTo(DPoPKey.ec()).sign());
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(Challenges.withMetadata("Bearer error=\"invalid_token\", "
				+ "error_description=\"The access token is bound to a DPoP key; send it with the DPoP scheme and a proof\""));
	}

	@Test
	void theMetadataClaimsNoDPoPSupport() {
		Answer answer = this.http.get("/.well-known/oauth-protected-resource", null);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).doesNotContain("dpop");
	}

}
