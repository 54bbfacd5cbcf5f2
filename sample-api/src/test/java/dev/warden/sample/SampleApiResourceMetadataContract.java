package dev.warden.sample;

import java.util.List;

import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's protected resource metadata (RFC 9728) with no configuration: public, cacheable,
 * listing the trusted issuer and every scope the endpoints declare, and named by every 401
 * challenge.
 * <p>
 * Written once and run against both samples ({@code SampleApiResourceMetadataTest} on Spring MVC,
 * {@code SampleApiReactiveResourceMetadataTest} on WebFlux).
 */
public abstract class SampleApiResourceMetadataContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	@Test
	void theDocumentIsPublicCacheableAndNamesWhatIsEnforced() {
		Answer answer = this.http.get("/.well-known/oauth-protected-resource", null);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.header("Cache-Control")).isEqualTo("public, max-age=3600");
		assertThat(answer.body()).isEqualTo("{\"resource\":\"http://127.0.0.1:" + this.port + "\","
				+ "\"bearer_methods_supported\":[\"header\"],\"tls_client_certificate_bound_access_tokens\":false,"
				+ "\"authorization_servers\":[\"" + issuer.issuer() + "\"],"
				+ "\"scopes_supported\":[\"orders:admin\",\"orders:read\",\"orders:write\"],"
				+ "\"dpop_signing_alg_values_supported\":[\"ES256\",\"ES384\",\"ES512\",\"PS256\",\"PS384\",\"PS512\","
				+ "\"RS256\",\"RS384\",\"RS512\"],\"dpop_bound_access_tokens_required\":false}");
	}

	@Test
	void theDocumentNeedsNoTokenAndIgnoresABadOne() {
		Answer answer = this.http.raw("/.well-known/oauth-protected-resource", List.of("Authorization: Bearer $$$"));
		assertThat(answer.status()).isEqualTo(200);
	}

	@Test
	void otherPathsUnderTheWellKnownPrefixAreNotFound() {
		// Spring Security's own document there would claim certificate-bound tokens the sample cannot take
		assertThat(this.http.get("/.well-known/oauth-protected-resource/api", null).status()).isEqualTo(404);
	}

	@Test
	void everyChallengeNamesTheDocument() {
		String expected = "resource_metadata=\"http://127.0.0.1:" + this.port + "/.well-known/oauth-protected-resource\"";
		assertThat(this.http.get("/api/orders", null).header("WWW-Authenticate")).isEqualTo("Bearer " + expected);
		assertThat(this.http.get("/api/orders", "not.a.token").header("WWW-Authenticate")).endsWith(", " + expected);
		assertThat(this.http.raw("/api/orders", List.of("Authorization: DPoP x")).header("WWW-Authenticate"))
			.startsWith("DPoP ").endsWith(", " + expected);
	}

}
