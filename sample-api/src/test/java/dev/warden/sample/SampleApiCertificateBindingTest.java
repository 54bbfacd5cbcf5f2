package dev.warden.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.warden.test.Challenges;
import dev.warden.test.TestCertificates;
import dev.warden.test.WardenTestIssuer;
import dev.warden.test.WithWardenIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate-bound tokens (RFC 8705) over real mutual TLS: the sample's embedded Tomcat with a
 * client-auth SSL bundle, certificates made in the test. A token bound to a certificate is served
 * only to the client holding it; without a certificate, or with another one, it is worth nothing.
 */
@WithWardenIssuer(audience = "orders-api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApiCertificateBindingTest {

	static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	static final TestCertificates.Authority ca = TestCertificates.authority();

	static final TestCertificates.Issued alice = ca.client("CN=alice-client");

	static final TestCertificates.Issued mallory = ca.client("CN=mallory-client");

	static final Path directory;

	static {
		try {
			directory = Files.createTempDirectory("warden-mtls");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		Path server = ca.server().keyStore(directory.resolve("server.p12"));
		Path trust = ca.trustStore(directory.resolve("ca.p12"));
		registry.add("server.ssl.bundle", () -> "server");
		registry.add("server.ssl.client-auth", () -> "want");
		registry.add("spring.ssl.bundle.jks.server.keystore.location", () -> "file:" + server);
		registry.add("spring.ssl.bundle.jks.server.keystore.password", TestCertificates::password);
		registry.add("spring.ssl.bundle.jks.server.keystore.type", () -> "PKCS12");
		registry.add("spring.ssl.bundle.jks.server.truststore.location", () -> "file:" + trust);
		registry.add("spring.ssl.bundle.jks.server.truststore.password", TestCertificates::password);
		registry.add("spring.ssl.bundle.jks.server.truststore.type", () -> "PKCS12");
	}

	@LocalServerPort
	int port;

	private HttpResponse<String> get(String path, String token, TestCertificates.Issued client) throws Exception {
		HttpClient http = HttpClient.newBuilder().sslContext(sslContext(client)).connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static SSLContext sslContext(TestCertificates.Issued client) throws Exception {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(directory.resolve("ca.p12"))) {
			trustStore.load(in, TestCertificates.password().toCharArray());
		}
		trust.init(trustStore);
		SSLContext context = SSLContext.getInstance("TLS");
		if (client == null) {
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(new java.io.ByteArrayInputStream(client.keyStoreBytes()), TestCertificates.password().toCharArray());
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(keyStore, TestCertificates.password().toCharArray());
		context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
		return context;
	}

	@Test
	void boundTokenIsServedToTheClientHoldingTheCertificate() throws Exception {
		String token = issuer.token().scopes("orders:read").boundTo(alice.certificate()).sign();
		HttpResponse<String> answer = get("/api/orders", token, alice);
		assertThat(answer.statusCode()).isEqualTo(200);
		// the verified-token cache keeps the binding check: a second request is checked again
		assertThat(get("/api/orders", token, alice).statusCode()).isEqualTo(200);
		assertThat(get("/api/orders", token, mallory).statusCode()).isEqualTo(401);
	}

	@Test
	void boundTokenWithoutACertificateIsRefused() throws Exception {
		String token = issuer.token().scopes("orders:read").boundTo(alice.certificate()).sign();
		HttpResponse<String> answer = get("/api/orders", token, null);
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().allValues("WWW-Authenticate")).singleElement().asString()
			.matches(Challenges.withMetadata("Bearer error=\"invalid_token\", error_description=\"The access token is "
					+ "bound to a client certificate, and the request presents none\"").replace("http://", "https://"));
	}

	@Test
	void boundTokenWithAnotherClientsCertificateIsRefused() throws Exception {
		String token = issuer.token().scopes("orders:read").boundTo(alice.certificate()).sign();
		HttpResponse<String> answer = get("/api/orders", token, mallory);
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("WWW-Authenticate")).get().asString()
			.contains("error_description=\"The request's client certificate does not match the token's binding "
					+ "(cnf x5t#S256)\"");
	}

	@Test
	void unboundTokensNeedNoCertificate() throws Exception {
		assertThat(get("/api/orders", issuer.token().scopes("orders:read").sign(), null).statusCode()).isEqualTo(200);
	}

	@Test
	void metadataSaysCertificateBoundTokensAreSupportedHere() throws Exception {
		HttpResponse<String> answer = get("/.well-known/oauth-protected-resource", null, null);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"tls_client_certificate_bound_access_tokens\":true",
				"\"resource\":\"https://localhost:" + this.port + "\"");
	}

}
