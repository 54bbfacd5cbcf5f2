package dev.warden.sample;

import java.util.List;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.scope.RequireIssuer;
import dev.warden.scope.RequireScope;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two trusted issuers over real HTTP: the sample's own ({@code default}, audience orders-api) and a
 * partner's (audience partner-api), each a real local authorization server with its own keys. A
 * third server, trusted by nobody, stands by to show that a token naming it causes no call at all.
 * The partner's key set publishes, besides its own keys, a different key under the default
 * issuer's {@code kid}: the same {@code kid} at two issuers is two keys.
 * <p>
 * Written once and run against both samples ({@code SampleApiMultiIssuerTest} on Spring MVC,
 * {@code SampleApiReactiveMultiIssuerTest} on WebFlux).
 */
public abstract class SampleApiMultiIssuerContract {

	protected static final WardenTestIssuer internal = WardenTestIssuer.start("orders-api", "orders-api", "orders-api-secret");

	protected static final WardenTestIssuer partner = WardenTestIssuer.start("partner-api", "partner-api", "partner-secret");

	protected static final WardenTestIssuer stranger = WardenTestIssuer.start("orders-api", "orders-api", "orders-api-secret");

	/** A key of the partner's that carries the internal issuer's RSA kid. */
	static final RSAKey clash = generateClash();

	static {
		partner.publish(List.of(partner.rsaKey(), partner.ecKey(), clash));
	}

	private static RSAKey generateClash() {
		try {
			return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(internal.rsaKey().getKeyID()).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void issuers(DynamicPropertyRegistry registry) {
		registry.add("warden.issuer", internal::issuer);
		registry.add("warden.jwks-uri", () -> internal.jwksUri().toString());
		registry.add("warden.audiences", () -> "orders-api");
		registry.add("warden.introspection.uri", () -> internal.introspectionUri().toString());
		registry.add("warden.issuers.partner.issuer", partner::issuer);
		registry.add("warden.issuers.partner.jwks-uri", () -> partner.jwksUri().toString());
		registry.add("warden.issuers.partner.audiences", () -> "partner-api");
	}

	@AfterAll
	static void stop() {
		internal.close();
		partner.close();
		stranger.close();
	}

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		partner.jwksUp();
		internal.jwksUp();
	}

	@Test
	void eachIssuersTokensAreAcceptedWithItsOwnAudience() {
		assertThat(this.http.get("/api/orders", internal.token().scopes("orders:read").sign()).status()).isEqualTo(200);
		assertThat(this.http.get("/api/orders", partner.token().scopes("orders:read").sign()).status()).isEqualTo(200);
	}

	@Test
	void eachIssuerCarriesScopesInItsOwnClaims() {
		// the partner's tokens may carry scopes in 'permissions'; the internal issuer's may not
		assertThat(this.http.get("/api/orders", partner.token().claim("permissions", "orders:read").sign()).status())
			.isEqualTo(200);
		Answer internalToken = this.http.get("/api/orders", internal.token().claim("permissions", "orders:read").sign());
		assertThat(internalToken.status()).isEqualTo(403);
		assertThat(internalToken.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\", "
				+ "error_description=\"The access token lacks a scope this endpoint requires (all of: orders:read).\", "
				+ "scope=\"orders:read\"");
	}

	@Test
	void audiencesAreCheckedPerIssuer() {
		// the partner's token made for the internal audience, and the other way round
		assertInvalidToken(this.http.get("/api/orders", partner.token().audience("orders-api").scopes("orders:read").sign()),
				DecoderOracle.AUDIENCE);
		assertInvalidToken(this.http.get("/api/orders", internal.token().audience("partner-api").scopes("orders:read").sign()),
				DecoderOracle.AUDIENCE);
	}

	@Test
	void theSameKidAtTwoIssuersIsTwoKeys() {
		String kid = internal.rsaKey().getKeyID();
		// signed with the internal key, naming the partner: the partner's key of that kid does not verify it
		String crossed = internal.token().claim("iss", partner.issuer()).audience("partner-api").scopes("orders:read").sign();
		assertInvalidToken(this.http.get("/api/orders", crossed), DecoderOracle.SIGNATURE);
		// signed with the partner's key of that kid, naming the internal issuer: refused the same way
		String forged = internal.token().signedWith(clash).scopes("orders:read").sign();
		assertThat(forged).isNotEqualTo(crossed);
		assertInvalidToken(this.http.get("/api/orders", forged), DecoderOracle.SIGNATURE);
		// and each key verifies its own issuer's tokens under that kid
		assertThat(this.http.get("/api/orders", internal.token().scopes("orders:read").sign()).status()).isEqualTo(200);
		assertThat(this.http.get("/api/orders", partner.token().signedWith(clash).scopes("orders:read").sign()).status())
			.isEqualTo(200);
		assertThat(internal.rsaKey().getKeyID()).isEqualTo(kid);
	}

	@Test
	void aTokenOfAnIssuerNobodyTrustsCausesNoNetworkCall() {
		int before = internal.requestCount() + partner.requestCount() + stranger.requestCount();
		for (String iss : List.of(stranger.issuer(), stranger.issuer() + "/", "http://127.0.0.1:1/evil", "",
				partner.issuer().toUpperCase(java.util.Locale.ROOT))) {
			String token = stranger.token().claim("iss", iss).scopes("orders:read").sign();
			assertInvalidToken(this.http.get("/api/orders", token), DecoderOracle.ISSUER);
		}
		// a kid nobody published, under an issuer nobody trusts
		assertInvalidToken(this.http.get("/api/orders", stranger.token().keyId("fresh-kid").scopes("orders:read").sign()),
				DecoderOracle.ISSUER);
		assertThat(internal.requestCount() + partner.requestCount() + stranger.requestCount()).isEqualTo(before);
	}

	@Test
	void anEndpointRestrictedToAnIssuerRefusesTheOthersTokensBeforeItsScopes() {
		assertThat(this.http.get("/api/partner/catalog", partner.token().scopes("catalog:read").sign()).body())
			.isEqualTo("catalog");
		Answer internalToken = this.http.get("/api/partner/catalog", internal.token().scopes("catalog:read").sign());
		assertThat(internalToken.status()).isEqualTo(403);
		assertThat(internalToken.header("WWW-Authenticate")).isEqualTo(
				"Bearer error=\"insufficient_scope\", error_description=\"This endpoint does not accept tokens from this issuer.\"");
		Answer noScope = this.http.get("/api/partner/catalog", partner.token().scopes("orders:read").sign());
		assertThat(noScope.status()).isEqualTo(403);
		assertThat(noScope.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\", "
				+ "error_description=\"The access token lacks a scope this endpoint requires (all of: catalog:read).\", "
				+ "scope=\"catalog:read\"");
	}

	@Test
	void aLiveCheckEndpointRefusesTokensOfAnIssuerWithoutIntrospection() {
		int calls = internal.introspectionRequests();
		Answer answer = this.http.send("DELETE", "/api/orders/1", partner.token().scopes("orders:admin").sign(), null, null);
		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\", error_description="
				+ "\"This endpoint checks tokens live, and tokens from this issuer cannot be checked here.\"");
		// never sent to the other issuer's introspection endpoint
		assertThat(internal.introspectionRequests()).isEqualTo(calls);
		Answer own = this.http.send("DELETE", "/api/orders/2", internal.token().scopes("orders:admin").sign(), null, null);
		assertThat(own.status()).isEqualTo(204);
		assertThat(internal.introspectionRequests()).isEqualTo(calls + 1);
	}

	@Test
	void oneIssuersOutageAndUnknownKidFloodChangeNothingForTheOther() throws Exception {
		assertThat(this.http.get("/api/orders", partner.token().scopes("orders:read").sign()).status()).isEqualTo(200);
		assertThat(this.http.get("/api/orders", internal.token().scopes("orders:read").sign()).status()).isEqualTo(200);
		int internalFetches = internal.jwksRequests();
		partner.jwksDown();
		Thread.sleep(300);
		for (int i = 0; i < 20; i++) {
			RSAKey unknown = new RSAKeyGenerator(2048).keyID("flood-" + i).generate();
			Answer answer = this.http.get("/api/orders", partner.token().signedWith(unknown).scopes("orders:read").sign());
			assertThat(answer.status()).as("flood %d", i).isEqualTo(401);
			// the internal issuer keeps serving while the partner's keys cannot be refreshed
			assertThat(this.http.get("/api/orders", internal.token().scopes("orders:read").sign()).status()).isEqualTo(200);
		}
		assertThat(internal.jwksRequests()).isEqualTo(internalFetches);
		assertThat(partner.jwksRequests()).isPositive();
		// one health component per issuer: only the partner's records the failed fetch
		String health = this.http.get("/actuator/health/warden", null).body();
		assertThat(health).startsWith("{\"components\":{\"default\":{").contains(",\"partner\":{");
		String internalHealth = health.substring(0, health.indexOf(",\"partner\":{"));
		String partnerHealth = health.substring(health.indexOf(",\"partner\":{"));
		assertThat(internalHealth).contains("\"state\":\"fresh\"", "\"status\":\"UP\"").doesNotContain("lastFailure");
		assertThat(partnerHealth).contains("\"lastFailureReason\":\"JWKS could not be fetched: HTTP 503 from "
				+ partner.jwksUri() + "\"");
		// the partner's cached keys still verify its tokens
		assertThat(this.http.get("/api/orders", partner.token().scopes("orders:read").sign()).status()).isEqualTo(200);
	}

	@Test
	void metersAndAuditLinesNameTheIssuerByItsConfiguredName(CapturedOutput output) {
		this.http.get("/api/orders", partner.token().scopes("orders:read").sign());
		this.http.get("/api/orders", stranger.token().scopes("orders:read").sign());
		this.http.get("/api/partner/catalog", internal.token().scopes("catalog:read").sign());
		String prometheus = this.http.get("/actuator/prometheus", null).body();
		assertThat(prometheus).contains(
				"warden_token_validations_seconds_count{cache=\"miss\",issuer=\"partner\",outcome=\"accepted\"}",
				"warden_token_validations_seconds_count{cache=\"none\",issuer=\"unknown\",outcome=\"invalid_issuer\"}",
				"warden_jwks_keys{issuer=\"partner\"}", "warden_jwks_keys{issuer=\"default\"}",
				"warden_authorization_decisions_total{outcome=\"issuer_not_accepted\",route=\"/api/partner/catalog\"}");
		// the configured name, never the raw iss
		assertThat(prometheus).doesNotContain(stranger.issuer()).doesNotContain(partner.issuer());
		assertThat(output.getOut()).containsPattern("outcome=issuer_not_accepted status=403 reason=\"This endpoint does "
				+ "not accept tokens from this issuer.\" method=\"GET\" route=\"/api/partner/catalog\" .* issuer=default")
			.containsPattern("outcome=invalid_token status=401 .* issuer=unknown");
	}

	@Test
	void theResourceMetadataListsEveryTrustedIssuerAndTheInventoryTheRestriction() {
		String metadata = this.http.get("/.well-known/oauth-protected-resource", null).body();
		assertThat(metadata).contains("\"authorization_servers\":[\"" + internal.issuer() + "\",\"" + partner.issuer() + "\"]");
		String inventory = this.http.get("/actuator/warden", internal.token().scopes("actuator").sign()).body();
		assertThat(inventory).contains("\"patterns\":[\"/api/partner/catalog\"],\"rule\":\"all_of\","
				+ "\"scopes\":[\"catalog:read\"],\"issuers\":[\"partner\"]");
	}

	private static void assertInvalidToken(Answer answer, String description) {
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).startsWith(
				"Bearer error=\"invalid_token\", error_description=\"" + description + "\", resource_metadata=\"");
	}

	/** Partner endpoints: only the partner's tokens. */
	@RestController
	public static class PartnerController {

		@GetMapping("/api/partner/catalog")
		@RequireIssuer("partner")
		@RequireScope("catalog:read")
		String catalog() {
			return "catalog";
		}

	}

}
