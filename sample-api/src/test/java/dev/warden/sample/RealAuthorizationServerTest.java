package dev.warden.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.demo.authserver.DemoAuthServerApplication;
import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.internal.web.AuditLog;
import dev.warden.test.Challenges;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against a real authorization server — Spring Authorization Server, started in this
 * test on a random loopback port — with no mock anywhere: keys are discovered from its metadata,
 * tokens come from its token endpoint, revocation goes through its revocation endpoint, and the
 * sample API checks tokens live at its introspection endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.introspection.enabled=true", "warden.introspection.cache-ttl=2s",
				"warden.jwks.warm-up=false" })
class RealAuthorizationServerTest {

	static final Duration CACHE_TTL = Duration.ofSeconds(2);

	static final int authServerPort = freePort();

	static final String issuer = "http://127.0.0.1:" + authServerPort;

	/**
	 * The fingerprint of the token of every introspection request the authorization server
	 * received, in order (fingerprints, so that a failing assertion never prints a token).
	 */
	static final List<String> introspected = new CopyOnWriteArrayList<>();

	static final ConfigurableApplicationContext authServer = DemoAuthServerApplication.builder()
		.initializers((context) -> context.getBeanFactory()
			.registerSingleton("introspectionRecorder", introspectionRecorder()))
		.run("--server.port=" + authServerPort, "--server.address=127.0.0.1", "--demo.issuer=" + issuer);

	/** Notes the token of each request to the authorization server's introspection endpoint, before its security. */
	private static FilterRegistrationBean<Filter> introspectionRecorder() {
		Filter recorder = (request, response, chain) -> {
			if (request instanceof HttpServletRequest http && http.getRequestURI().equals("/oauth2/introspect")) {
				introspected.add(AuditLog.fingerprint(String.valueOf(http.getParameter("token"))));
			}
			chain.doFilter(request, response);
		};
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(recorder);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void warden(DynamicPropertyRegistry registry) {
		registry.add("warden.issuer", () -> issuer);
	}

	@AfterAll
	static void stopAuthServer() {
		authServer.close();
	}

	@LocalServerPort
	int port;

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse<String> post(String path, String clientId, String secret, String form) throws Exception {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + path))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String token(String clientId, String secret, String scope) throws Exception {
		HttpResponse<String> response = post("/oauth2/token", clientId, secret,
				"grant_type=client_credentials&scope=" + scope.replace(" ", "%20"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		try {
			return JSONObjectUtils.parse(response.body()).get("access_token").toString();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void readerTokenReadsOrdersAndIsToldWhichScopeItLacksToWrite() throws Exception {
		String token = token("orders-reader", "reader-secret", "orders:read");
		Http http = new Http(this.port);
		assertThat(http.get("/api/orders", token).status()).isEqualTo(200);
		Answer me = http.get("/api/me", token);
		assertThat(me.body()).isEqualTo("{\"sub\":\"orders-reader\",\"client_id\":\"orders-reader\",\"scopes\":[\"orders:read\"]}");
		Answer write = http.send("POST", "/api/orders", token, "application/json", "{\"item\":\"x\"}");
		assertThat(write.status()).isEqualTo(403);
		assertThat(write.header("WWW-Authenticate")).contains("scope=\"orders:write\"");
	}

	@Test
	void adminDeletesWithALiveCheck() throws Exception {
		String token = token("orders-admin", "admin-secret", "orders:read orders:write orders:admin");
		int before = introspected.size();
		assertThat(new Http(this.port).send("DELETE", "/api/orders/1", token, null, null).status()).isEqualTo(204);
		// the authorization server was asked about exactly this token, once, and said it is active
		assertThat(introspected.subList(before, introspected.size())).as("introspection requests for the DELETE")
			.containsExactly(AuditLog.fingerprint(token));
	}

	@Test
	void revokedTokenIsRefusedWithinTheCacheTtl() throws Exception {
		String token = token("orders-admin", "admin-secret", "orders:read orders:admin");
		Http http = new Http(this.port);
		assertThat(http.get("/api/orders", token).status()).isEqualTo(200);
		HttpResponse<String> revocation = post("/oauth2/revoke", "orders-admin", "admin-secret",
				"token=" + token + "&token_type_hint=access_token");
		assertThat(revocation.statusCode()).isEqualTo(200);
		long revokedAt = System.nanoTime();
		Answer answer = http.get("/api/orders", token);
		while (answer.status() == 200
				&& Duration.ofNanos(System.nanoTime() - revokedAt).compareTo(CACHE_TTL.plusSeconds(3)) < 0) {
			Thread.sleep(100);
			answer = http.get("/api/orders", token);
		}
		Duration window = Duration.ofNanos(System.nanoTime() - revokedAt);
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate"))
			.matches(Challenges.withMetadata("Bearer error=\"invalid_token\", error_description=\"The access token is not active\""));
		// at most the cache TTL, plus scheduling slack on a loaded machine
		assertThat(window).isLessThan(CACHE_TTL.plusSeconds(1));
	}

	@Test
	void tokenOfAnotherIssuerIsRefused() {
		try (WardenTestIssuer other = WardenTestIssuer.start(DemoAuthServerApplication.AUDIENCE, "c", "s")) {
			String token = other.token().scopes("orders:read").clientId("orders-reader").sign();
			int before = introspected.size();
			assertInvalidToken(new Http(this.port).get("/api/orders", token), DecoderOracle.NO_KEY);
			assertThat(introspected).as("introspection requests for a token refused locally").hasSize(before);
		}
	}

	@Test
	void tokenSignedWithTheAuthorizationServersKeyButNamingAnotherIssuerIsRefused() throws Exception {
		// as if the authorization server's key signed for another tenant: the signature verifies, iss does not match
		RSAKey key = (RSAKey) authServer.getBean(ImmutableJWKSet.class).getJWKSet().getKeys().get(0);
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://127.0.0.1:1")
			.audience(DemoAuthServerApplication.AUDIENCE)
			.subject("orders-reader")
			.claim("client_id", "orders-reader")
			.claim("scope", "orders:read")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		int before = introspected.size();
		assertInvalidToken(new Http(this.port).get("/api/orders", jwt.serialize()), DecoderOracle.ISSUER);
		assertThat(introspected).as("introspection requests for a token refused locally").hasSize(before);
	}

	@Test
	void tamperedSignatureIsRefused() throws Exception {
		String token = token("orders-reader", "reader-secret", "orders:read");
		String[] parts = token.split("\\.");
		// the first 40 characters reversed: the last one, whose unused bits must be zero, stays canonical
		String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2].substring(0, 40)).reverse()
				+ parts[2].substring(40);
		assertInvalidToken(new Http(this.port).get("/api/orders", tampered), DecoderOracle.SIGNATURE);
	}

	private static void assertInvalidToken(Answer answer, String description) {
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.headers("WWW-Authenticate")).as("challenges").hasSize(1);
		assertThat(answer.header("WWW-Authenticate")).as("challenge")
			.matches(Challenges.withMetadata("Bearer error=\"invalid_token\", error_description=\"" + description + "\""));
		assertThat(answer.body()).contains("\"detail\":\"" + description + "\"");
	}

}
