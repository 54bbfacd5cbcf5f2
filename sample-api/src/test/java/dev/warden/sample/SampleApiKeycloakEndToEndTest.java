package dev.warden.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warden.test.Http;
import dev.warden.test.Http.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample against Keycloak 26.7.3 itself, with its Shared Signals transmitter; no mock anywhere.
 * Users sign in with the password grant and the sample serves them; an administrator signs alice
 * out; Keycloak pushes a CAEP {@code session-revoked} SET (a complex subject, session {@code ALL});
 * within seconds the sample refuses alice's earlier token, still serves bob, and accepts alice's
 * next sign-in. Two ways to get the stream:
 * <ol>
 * <li>Warden registers it itself ({@code push.register}), and learns its audience
 * {@code <client>/<stream id>} from Keycloak's answer;</li>
 * <li>an administrator creates it with the service's audience, and the sample runs with
 * {@code --warden.revocation.push.enabled=true} and nothing else new.</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApiKeycloakEndToEndTest {

	static KeycloakServer keycloak;

	static String issuer;

	static ConfigurableApplicationContext registering;

	static ConfigurableApplicationContext plain;

	static Http registeringApi;

	static Http plainApi;

	@BeforeAll
	static void start() throws Exception {
		keycloak = KeycloakServer.start();
		issuer = keycloak.url() + "/realms/warden";
		int registeringPort = freePort();
		int plainPort = freePort();
		realm(registeringPort, plainPort);
		registering = new SpringApplicationBuilder(SampleApiApplication.class).run("--server.port=" + registeringPort,
				"--warden.issuer=" + issuer, "--warden.revocation.push.enabled=true",
				"--warden.revocation.push.register=true",
				"--warden.revocation.push.public-url=http://127.0.0.1:" + registeringPort + "/ssf/events",
				"--warden.revocation.push.client-id=warden-receiver",
				"--warden.revocation.push.client-secret=receiver-secret",
				"--warden.revocation.push.authorization=Bearer e2e-push-secret");
		registeringApi = new Http(registeringPort);
		// the stream of the second receiver client is created by an administrator, for the service's audience
		keycloak.admin("POST", "/warden/ssf/clients/plain-receiver/stream", """
				{"delivery":{"method":"urn:ietf:rfc:8935","endpoint_url":"http://127.0.0.1:%d/ssf/events"},
				 "events_requested":["https://schemas.openid.net/secevent/caep/event-type/session-revoked",
				                     "https://schemas.openid.net/secevent/caep/event-type/credential-change"]}
				""".formatted(plainPort));
		plain = new SpringApplicationBuilder(SampleApiApplication.class).run("--server.port=" + plainPort,
				"--warden.issuer=" + issuer, "--warden.revocation.push.enabled=true");
		plainApi = new Http(plainPort);
	}

	@AfterAll
	static void stop() {
		if (plain != null) {
			plain.close();
		}
		if (registering != null) {
			registering.close();
		}
		if (keycloak != null) {
			keycloak.close();
		}
	}

	/**
	 * The realm: Keycloak's transmitter on, an application client whose tokens carry the audience
	 * {@code orders-api} and the scope {@code orders:read}, two users, and two receiver clients.
	 */
	private static void realm(int registeringPort, int plainPort) throws Exception {
		keycloak.admin("POST", "", """
				{"realm":"warden","enabled":true,"attributes":{"ssf.transmitterEnabled":"true"}}""");
		keycloak.admin("POST", "/warden/client-scopes", """
				{"name":"orders:read","protocol":"openid-connect",
				 "attributes":{"include.in.token.scope":"true","display.on.consent.screen":"false"}}""");
		keycloak.admin("POST", "/warden/clients", """
				{"clientId":"orders-app","enabled":true,"publicClient":true,"directAccessGrantsEnabled":true,
				 "standardFlowEnabled":false,"defaultClientScopes":["orders:read","basic"],
				 "protocolMappers":[{"name":"aud-orders-api","protocol":"openid-connect",
				   "protocolMapper":"oidc-audience-mapper",
				   "config":{"included.custom.audience":"orders-api","access.token.claim":"true",
				             "id.token.claim":"false","introspection.token.claim":"true"}}]}""");
		for (String user : new String[] { "alice", "bob" }) {
			keycloak.admin("POST", "/warden/users", """
					{"username":"%s","enabled":true,"email":"%s@example.com","emailVerified":true,
					 "firstName":"%s","lastName":"Doe",
					 "credentials":[{"type":"password","value":"%s-pw","temporary":false}]}"""
				.formatted(user, user, user, user));
		}
		keycloak.admin("POST", "/warden/clients", """
				{"clientId":"warden-receiver","enabled":true,"publicClient":false,"secret":"receiver-secret",
				 "serviceAccountsEnabled":true,"standardFlowEnabled":false,"directAccessGrantsEnabled":false,
				 "defaultClientScopes":["basic","ssf.read","ssf.manage"],
				 "attributes":{"ssf.enabled":"true","ssf.validPushUrls":"http://127.0.0.1:%d/*",
				   "ssf.defaultSubjects":"ALL","ssf.autoVerifyStream":"true"}}""".formatted(registeringPort));
		keycloak.admin("POST", "/warden/clients", """
				{"clientId":"plain-receiver","enabled":true,"publicClient":false,"secret":"plain-secret",
				 "standardFlowEnabled":false,"directAccessGrantsEnabled":false,
				 "attributes":{"ssf.enabled":"true","ssf.validPushUrls":"http://127.0.0.1:%d/*",
				   "ssf.streamAudience":"orders-api","ssf.defaultSubjects":"ALL"}}""".formatted(plainPort));
	}

	private static String signIn(String user) throws Exception {
		return keycloak.token("warden", "orders-app", null, "password", "username", user, "password", user + "-pw",
				"scope", "openid");
	}

	private static String userId(String user) throws Exception {
		HttpResponse<String> users = keycloak.admin("GET", "/warden/users?exact=true&username=" + user, null);
		Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(users.body());
		assertThat(id.find()).as(users.body()).isTrue();
		return id.group(1);
	}

	private static Duration within(Duration limit, Supplier<Boolean> condition) {
		long start = System.nanoTime();
		while (!condition.get()) {
			if (System.nanoTime() - start > limit.toNanos()) {
				throw new AssertionError("not within " + limit + "; Keycloak's log:\n" + keycloak.tail());
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Test
	@Order(1)
	void wardenRegistersItsStreamAndKeycloakVerifiesIt() {
		// registration runs in the background; Keycloak then verifies the stream on its own
		within(Duration.ofSeconds(60), () -> registeringApi.get("/actuator/health/wardenPush", null)
			.body()
			.contains("\"state\":\"registered\""));
		String health = registeringApi.get("/actuator/health/wardenPush", null).body();
		assertThat(health).containsPattern("\"audience\":\\[\"warden-receiver/[0-9a-f-]{36}\"\\]");
		within(Duration.ofSeconds(30), () -> !registeringApi.get("/actuator/health/wardenPush", null)
			.body()
			.contains("\"lastVerification\":\"none yet\""));
	}

	@Test
	@Order(2)
	void anAdministratorSigningAliceOutRevokesHerTokensEverywhereWithinSeconds() throws Exception {
		String alice = signIn("alice");
		String bob = signIn("bob");
		for (Http api : new Http[] { registeringApi, plainApi }) {
			assertThat(api.get("/api/orders", alice).status()).isEqualTo(200);
			assertThat(api.get("/api/orders", bob).status()).isEqualTo(200);
		}
		keycloak.admin("POST", "/warden/users/" + userId("alice") + "/logout", null);
		// Keycloak's outbox is drained every second; the SET names session ALL of alice
		Duration registeringDelay = within(Duration.ofSeconds(30),
				() -> registeringApi.get("/api/orders", alice).status() == 401);
		Duration plainDelay = within(Duration.ofSeconds(30), () -> plainApi.get("/api/orders", alice).status() == 401);
		System.out.println("Keycloak admin sign-out to refusal: " + registeringDelay.toMillis() + " ms (registered "
				+ "stream), " + plainDelay.toMillis() + " ms (administrator's stream)");
		for (Http api : new Http[] { registeringApi, plainApi }) {
			Answer refused = api.get("/api/orders", alice);
			assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\", "
					+ "error_description=\"The access token has been revoked\"");
			assertThat(api.get("/api/orders", bob).status()).isEqualTo(200);
		}
		// a sign-in after the event (iat has whole seconds) is served
		Thread.sleep(1100);
		String again = signIn("alice");
		assertThat(registeringApi.get("/api/orders", again).status()).isEqualTo(200);
		assertThat(plainApi.get("/api/orders", again).status()).isEqualTo(200);
	}

	@Test
	@Order(3)
	void anotherInstanceOfTheServiceFindsTheStreamAndLeavesItAsItIs() {
		String first = streamId(registeringApi.get("/actuator/health/wardenPush", null).body());
		int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) registering).getWebServer()
			.getPort();
		try (ConfigurableApplicationContext another = new SpringApplicationBuilder(SampleApiApplication.class).run(
				"--server.port=0", "--warden.issuer=" + issuer, "--warden.revocation.push.enabled=true",
				"--warden.revocation.push.register=true",
				"--warden.revocation.push.public-url=http://127.0.0.1:" + port + "/ssf/events",
				"--warden.revocation.push.client-id=warden-receiver",
				"--warden.revocation.push.client-secret=receiver-secret",
				"--warden.revocation.push.authorization=Bearer e2e-push-secret")) {
			Http api = new Http(((org.springframework.boot.web.server.context.WebServerApplicationContext) another)
				.getWebServer()
				.getPort());
			within(Duration.ofSeconds(60), () -> api.get("/actuator/health/wardenPush", null)
				.body()
				.contains("\"state\":\"registered\""));
			assertThat(streamId(api.get("/actuator/health/wardenPush", null).body())).isEqualTo(first);
		}
	}

	private static String streamId(String health) {
		Matcher id = Pattern.compile("\"streamId\":\"([^\"]+)\"").matcher(health);
		assertThat(id.find()).as(health).isTrue();
		return id.group(1);
	}

	@Test
	@Order(4)
	void aPasswordResetIsACredentialChangeThatRevokesToo() throws Exception {
		String bob = signIn("bob");
		assertThat(plainApi.get("/api/orders", bob).status()).isEqualTo(200);
		keycloak.admin("PUT", "/warden/users/" + userId("bob") + "/reset-password", """
				{"type":"password","value":"bob-pw","temporary":false}""");
		within(Duration.ofSeconds(30), () -> plainApi.get("/api/orders", bob).status() == 401);
		within(Duration.ofSeconds(30), () -> registeringApi.get("/api/orders", bob).status() == 401);
	}

}
