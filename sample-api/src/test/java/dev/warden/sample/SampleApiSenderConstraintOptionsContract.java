package dev.warden.sample;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.warden.test.DPoPKey;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.TestCertificates;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's options for sender-constrained tokens on the sample API: DPoP required for the
 * whole service (the FAPI 2.0 sender constraint), server nonces (RFC 9449 §8), a TLS-terminating
 * proxy's client-certificate header, and a configured resource identifier with a path (RFC 9728
 * §3.1).
 * <p>
 * Written once and run against both samples ({@code SampleApiSenderConstraintOptionsTest} on Spring MVC,
 * {@code SampleApiReactiveSenderConstraintOptionsTest} on WebFlux).
 */
public abstract class SampleApiSenderConstraintOptionsContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	static final String ALGS = "ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512";

	static final String METADATA = "resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/orders\"";

	@LocalServerPort
	int port;

	Http http;

	final DPoPKey key = DPoPKey.ec();

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	@Test
	void bearerTokensAreRefusedWithADPoPChallenge() {
		Answer answer = this.http.get("/api/orders", issuer.token().scopes("orders:read").sign());
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).isEqualTo("DPoP error=\"invalid_token\", error_description=\"This "
				+ "resource accepts only DPoP-bound access tokens\", algs=\"" + ALGS + "\", " + METADATA);
		Answer none = this.http.get("/api/orders", null);
		assertThat(none.header("WWW-Authenticate")).isEqualTo("DPoP algs=\"" + ALGS + "\", " + METADATA);
		assertThat(none.body()).contains("A DPoP-bound access token and a DPoP proof are required.");
	}

	@Test
	void aProofWithoutTheServersNonceIsAskedToUseOne() {
		String token = issuer.token().scopes("orders:read").boundTo(this.key).sign();
		Answer first = this.http.raw("/api/orders",
				List.of("Authorization: DPoP " + token, "DPoP: " + this.key.proof("GET", url("/api/orders"), token)));
		assertThat(first.status()).isEqualTo(401);
		assertThat(first.header("WWW-Authenticate")).isEqualTo("DPoP error=\"use_dpop_nonce\", error_description=\"The "
				+ "resource server requires a DPoP nonce; use the one in the DPoP-Nonce header\", algs=\"" + ALGS
				+ "\", " + METADATA);
		String nonce = first.header("DPoP-Nonce");
		assertThat(nonce).isNotBlank();
		String proof = this.key.proof().method("GET").uri(url("/api/orders")).accessToken(token).nonce(nonce).sign();
		Answer second = this.http.raw("/api/orders", List.of("Authorization: DPoP " + token, "DPoP: " + proof));
		assertThat(second.status()).as("%s", second).isEqualTo(200);
		String forged = this.key.proof().method("GET").uri(url("/api/orders")).accessToken(token)
			.nonce(nonce.substring(0, nonce.length() - 2) + (nonce.endsWith("AA") ? "BB" : "AA")).sign();
		Answer third = this.http.raw("/api/orders", List.of("Authorization: DPoP " + token, "DPoP: " + forged));
		assertThat(third.status()).isEqualTo(401);
		assertThat(third.header("WWW-Authenticate")).startsWith("DPoP error=\"use_dpop_nonce\"");
	}

	@Test
	void theProxysCertificateHeaderProvesACertificateBinding() {
		TestCertificates.Issued client = TestCertificates.authority().client("CN=behind-the-proxy");
		String token = issuer.token().scopes("orders:read").boundTo(this.key).boundTo(client.certificate()).sign();
		String header = "X-Client-Cert: "
				+ URLEncoder.encode(TestCertificates.pem(client.certificate()), StandardCharsets.UTF_8).replace("+", "%20");
		Answer withCertificate = this.http.raw("/api/orders",
				List.of("Authorization: DPoP " + token, "DPoP: " + proofWithNonce(token), header));
		assertThat(withCertificate.status()).as("%s", withCertificate).isEqualTo(200);
		Answer without = this.http.raw("/api/orders",
				List.of("Authorization: DPoP " + token, "DPoP: " + proofWithNonce(token)));
		assertThat(without.status()).isEqualTo(401);
		assertThat(without.header("WWW-Authenticate")).contains(
				"error_description=\"The access token is bound to a client certificate, and the request presents none\"");
		Answer garbage = this.http.raw("/api/orders",
				List.of("Authorization: DPoP " + token, "DPoP: " + proofWithNonce(token), "X-Client-Cert: %%%garbage"));
		assertThat(garbage.status()).isEqualTo(401);
	}

	/** A proof with a fresh nonce, which the service hands out on any DPoP request without one. */
	private String proofWithNonce(String token) {
		String unbound = issuer.token().scopes("orders:read").boundTo(this.key).sign();
		Answer ask = this.http.raw("/api/orders",
				List.of("Authorization: DPoP " + unbound, "DPoP: " + this.key.proof("GET", url("/api/orders"), unbound)));
		return this.key.proof().method("GET").uri(url("/api/orders")).accessToken(token)
			.nonce(ask.header("DPoP-Nonce")).sign();
	}

	@Test
	void theMetadataIsServedAtThePathOfTheConfiguredResourceAndSaysWhatIsRequired() {
		Answer answer = this.http.get("/.well-known/oauth-protected-resource/orders", null);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("\"resource\":\"https://api.example.com/orders\"",
				"\"dpop_bound_access_tokens_required\":true", "\"tls_client_certificate_bound_access_tokens\":true");
		assertThat(this.http.get("/.well-known/oauth-protected-resource", null).status()).isEqualTo(404);
		assertThat(this.http.get("/.well-known/oauth-protected-resource/other", null).status()).isEqualTo(404);
	}

}
