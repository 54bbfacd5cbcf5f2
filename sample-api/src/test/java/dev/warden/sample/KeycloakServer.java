package dev.warden.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} Maven Central ships, unpacked by the build
 * into {@code target/keycloak}) in development mode with its experimental Shared Signals
 * transmitter: {@code --features=ssf}, pushes to loopback http allowed, the outbox drained every
 * second. It needs Java 21 or later: {@code KEYCLOAK_JAVA_HOME}, else the newest JDK under
 * {@code /usr/lib/jvm} that is 21 or later. Started on random loopback ports, in memory, and
 * stopped by the test.
 */
final class KeycloakServer implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final int port;

	private final Process process;

	private final Path log;

	private String adminToken;

	private KeycloakServer(int port, Process process, Path log) {
		this.port = port;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts Keycloak and waits until it answers (the first start builds Keycloak's runtime: allow
	 * minutes on a small machine).
	 * @return the running server
	 */
	static KeycloakServer start() throws IOException, InterruptedException {
		Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3")).toAbsolutePath();
		Path script = home.resolve("bin/kc.sh");
		if (!Files.exists(script)) {
			throw new IllegalStateException("Keycloak is not unpacked at " + home + ": run the build (mvn verify), "
					+ "which unpacks org.keycloak:keycloak-quarkus-dist into target/keycloak");
		}
		script.toFile().setExecutable(true);
		int port = freePort();
		int management = freePort();
		Path data = Files.createTempDirectory("warden-keycloak");
		Path log = data.resolve("keycloak.log");
		ProcessBuilder builder = new ProcessBuilder(List.of(script.toString(), "start-dev", "--http-host=127.0.0.1",
				"--http-port=" + port, "--http-management-port=" + management,
				"--hostname=http://127.0.0.1:" + port, "--db=dev-mem", "--features=ssf",
				"--spi-ssf-transmitter--default--allow-insecure-push-targets=true",
				"--spi-ssf-transmitter--default--outbox-drainer-interval=1"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.put("JAVA_HOME", javaHome().toString());
		env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
		env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
		env.put("JAVA_OPTS_APPEND", "-Dquarkus.transaction-manager.object-store.directory=" + data.resolve("tx"));
		KeycloakServer server = new KeycloakServer(port, builder.start(), log);
		long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.process.isAlive()) {
				throw new IllegalStateException("Keycloak exited while starting:\n" + server.tail());
			}
			try {
				if (server.get("/realms/master/.well-known/openid-configuration", null).statusCode() == 200) {
					return server;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		server.close();
		throw new IllegalStateException("Keycloak did not start within 6 minutes:\n" + server.tail());
	}

	/** The newest JDK 21+ for Keycloak: {@code KEYCLOAK_JAVA_HOME}, else one under /usr/lib/jvm. */
	private static Path javaHome() throws IOException {
		String configured = System.getenv("KEYCLOAK_JAVA_HOME");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		Pattern version = Pattern.compile("-(\\d+)(?=[-.]|$)");
		Path best = null;
		int bestVersion = 0;
		try (var dirs = Files.list(Path.of("/usr/lib/jvm"))) {
			for (Path dir : dirs.toList()) {
				Matcher matcher = version.matcher(dir.getFileName().toString());
				if (matcher.find() && Files.isExecutable(dir.resolve("bin/java"))) {
					int found = Integer.parseInt(matcher.group(1));
					if (found >= 21 && found > bestVersion) {
						best = dir;
						bestVersion = found;
					}
				}
			}
		}
		if (best == null) {
			throw new IllegalStateException("Keycloak needs Java 21 or later: install one under /usr/lib/jvm or set "
					+ "KEYCLOAK_JAVA_HOME");
		}
		return best;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The last lines of Keycloak's log, for a failure message. */
	String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Sends JSON to the admin API as the bootstrap admin; the answer must be 2xx. */
	HttpResponse<String> admin(String method, String path, String json) throws IOException, InterruptedException {
		if (this.adminToken == null) {
			this.adminToken = token("master", "admin-cli", null, "password", "username", "admin", "password", "admin");
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/admin/realms" + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.adminToken)
			.header("Content-Type", "application/json")
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() / 100 != 2) {
			throw new IllegalStateException(method + " /admin/realms" + path + " answered " + answer.statusCode() + ": "
					+ answer.body());
		}
		return answer;
	}

	/**
	 * A token from a realm's token endpoint.
	 * @param realm the realm
	 * @param clientId the client
	 * @param clientSecret its secret, or {@code null} for a public client
	 * @param grant the grant type
	 * @param form further form fields, as name/value pairs
	 * @return the access token
	 */
	String token(String realm, String clientId, String clientSecret, String grant, String... form)
			throws IOException, InterruptedException {
		List<String> fields = new ArrayList<>(List.of("grant_type=" + grant, "client_id=" + encode(clientId)));
		if (clientSecret != null) {
			fields.add("client_secret=" + encode(clientSecret));
		}
		for (int i = 0; i < form.length; i += 2) {
			fields.add(form[i] + "=" + encode(form[i + 1]));
		}
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
				URI.create(url() + "/realms/" + realm + "/protocol/openid-connect/token"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(String.join("&", fields)))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
		if (answer.statusCode() != 200 || !token.find()) {
			throw new IllegalStateException("No token for " + clientId + ": " + answer.statusCode() + " " + answer.body());
		}
		return token.group(1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		// kc.sh forwards SIGTERM to Keycloak, which stops in a few seconds
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
