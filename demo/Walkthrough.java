import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's walkthrough: real requests to the demo authorization server and the sample API,
 * each printed with its answer. Runs with the JDK alone: java demo/Walkthrough.java AUTH_URL API_URL
 */
public class Walkthrough {

	static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static String auth;

	static String api;

	static int failures;

	public static void main(String[] args) throws Exception {
		auth = args[0];
		api = args[1];
		waitUntilUp(auth + "/.well-known/oauth-authorization-server", "authorization server");
		waitUntilUp(api + "/actuator/health", "sample API");

		step("1. A reader token lists orders");
		String reader = token("orders-reader", "reader-secret", "orders:read");
		expect(call("GET", "/api/orders", reader, null), 200);

		step("2. The reader may not create an order, and is told which scope it lacks");
		expect(call("POST", "/api/orders", reader, "{\"item\":\"mugs\",\"quantity\":2}"), 403);

		step("3. A tampered token is refused");
		String[] parts = reader.split("\\.");
		String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
		expect(call("GET", "/api/orders", tampered, null), 401);

		step("4. No token at all is refused");
		expect(call("GET", "/api/orders", null, null), 401);

		step("5. Introspection is on: revoke the admin token and its next call is refused");
		String admin = token("orders-admin", "admin-secret", "orders:read orders:write orders:admin");
		expect(call("DELETE", "/api/orders/1", admin, null), 204);
		System.out.println("   POST " + auth + "/oauth2/revoke  (token " + shortForm(admin) + ")");
		HttpResponse<String> revoked = post(auth + "/oauth2/revoke", "orders-admin", "admin-secret",
				"token=" + admin + "&token_type_hint=access_token");
		System.out.println("   <- " + revoked.statusCode());
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		HttpResponse<String> after = call("GET", "/api/orders", admin, null);
		while (after.statusCode() == 200 && System.nanoTime() < deadline) {
			System.out.println("   (still cached as active; the revocation window is warden.introspection.cache-ttl)");
			Thread.sleep(1000);
			after = call("GET", "/api/orders", admin, null);
		}
		expect(after, 401);

		System.out.println();
		System.out.println(failures == 0 ? "Walkthrough complete: every answer was as expected."
				: "Walkthrough finished with " + failures + " unexpected answer(s).");
		System.exit(failures == 0 ? 0 : 1);
	}

	static void step(String title) {
		System.out.println();
		System.out.println(title);
	}

	static void waitUntilUp(String url, String what) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					System.out.println("The " + what + " is up: " + url);
					return;
				}
			}
			catch (java.io.IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("The " + what + " did not start within 120s: " + url);
	}

	static String token(String clientId, String secret, String scope) throws Exception {
		System.out.println("   POST " + auth + "/oauth2/token  (client_credentials, client " + clientId + ", scope " + scope + ")");
		HttpResponse<String> response = post(auth + "/oauth2/token", clientId, secret,
				"grant_type=client_credentials&scope=" + scope.replace(" ", "%20"));
		Matcher matcher = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
		if (response.statusCode() != 200 || !matcher.find()) {
			throw new IllegalStateException("No token for " + clientId + ": HTTP " + response.statusCode());
		}
		String token = matcher.group(1);
		System.out.println("   <- 200, access token " + shortForm(token));
		return token;
	}

	static HttpResponse<String> post(String url, String clientId, String secret, String form) throws Exception {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return client.send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		System.out.println("   " + method + " " + api + path + ((token != null) ? "  (Bearer " + shortForm(token) + ")" : "  (no token)"));
		HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		System.out.println("   <- " + response.statusCode()
				+ response.headers().firstValue("WWW-Authenticate").map((h) -> "\n      WWW-Authenticate: " + h).orElse("")
				+ (response.body().isEmpty() ? "" : "\n      " + response.body()));
		return response;
	}

	static void expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			failures++;
			System.out.println("   !! expected " + status);
		}
	}

	/** Tokens are never printed whole. */
	static String shortForm(String token) {
		return token.substring(0, Math.min(10, token.length())) + "… (" + token.length() + " chars)";
	}

}
