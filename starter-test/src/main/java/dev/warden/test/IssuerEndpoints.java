package dev.warden.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The test issuer's HTTP endpoints: its JWK set (with its fault switches), its metadata and its
 * introspection endpoint.
 */
final class IssuerEndpoints extends Dispatcher {

	private final WardenTestIssuer issuer;

	IssuerEndpoints(WardenTestIssuer issuer) {
		this.issuer = issuer;
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		String path = request.getUrl().encodedPath();
		if (path.equals(this.issuer.pathPrefix + "/jwks")) {
			this.issuer.jwksRequests.incrementAndGet();
			if (this.issuer.hangMillis > 0) {
				return new MockResponse.Builder().headersDelay(this.issuer.hangMillis, TimeUnit.MILLISECONDS)
					.body(this.issuer.jwksJson())
					.build();
			}
			if (this.issuer.down) {
				return new MockResponse.Builder().code(503).body("down").build();
			}
			return json(this.issuer.jwksJson());
		}
		if (path.equals("/.well-known/oauth-authorization-server" + this.issuer.pathPrefix)) {
			String issuer = (this.issuer.issuerOverride != null) ? this.issuer.issuerOverride : this.issuer.issuer();
			return json("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + this.issuer.jwksUri()
					+ "\",\"introspection_endpoint\":\"" + this.issuer.introspectionUri() + "\"}");
		}
		if (path.equals(this.issuer.pathPrefix + "/introspect")) {
			this.issuer.introspectionRequests.incrementAndGet();
			this.issuer.introspectionLog.add(record(request));
			return introspect(request);
		}
		return new MockResponse.Builder().code(404).build();
	}

	private MockResponse introspect(RecordedRequest request) {
		Map<String, String> form = new LinkedHashMap<>();
		String body = (request.getBody() != null) ? request.getBody().utf8() : "";
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((this.issuer.clientId + ":" + this.issuer.clientSecret).getBytes(StandardCharsets.UTF_8));
		boolean authenticated = basic.equals(request.getHeaders().get("Authorization"))
				|| (this.issuer.clientId.equals(form.get("client_id")) && this.issuer.clientSecret.equals(form.get("client_secret")));
		if (!authenticated) {
			return new MockResponse.Builder().code(401).body("{\"error\":\"invalid_client\"}").build();
		}
		String token = form.getOrDefault("token", "");
		Function<String, IntrospectionAnswer> override = this.issuer.introspectionOverride;
		if (override != null) {
			return override.apply(token).toResponse();
		}
		if (this.issuer.revoked.contains(token)) {
			return json("{\"active\":false}");
		}
		Map<String, Object> claims = this.issuer.opaqueTokens.get(token);
		if (claims == null) {
			try {
				claims = SignedJWT.parse(token).getPayload().toJSONObject();
			}
			catch (ParseException ex) {
				claims = null;
			}
		}
		if (claims == null) {
			return json("{\"active\":false}");
		}
		Map<String, Object> answer = new LinkedHashMap<>(claims);
		answer.put("active", true);
		answer.put("token_type", "Bearer");
		return json(JSONObjectUtils.toJSONString(answer));
	}

	private static MockResponse json(String body) {
		return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body).build();
	}

	private static RecordedCall record(RecordedRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : request.getHeaders().names()) {
			headers.put(name.toLowerCase(Locale.ROOT), request.getHeaders().values(name));
		}
		return new RecordedCall(request.getMethod(), request.getUrl().encodedPath()
				+ ((request.getUrl().encodedQuery() != null) ? "?" + request.getUrl().encodedQuery() : ""),
				Map.copyOf(headers), (request.getBody() != null) ? request.getBody().utf8() : "");
	}

}
