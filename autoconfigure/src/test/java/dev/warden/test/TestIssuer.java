package dev.warden.test;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local issuer for tests: a real HTTP server (MockWebServer on 127.0.0.1) serving a JWKS and
 * metadata, with keys that can be rotated, and an endpoint that can be taken down or made to hang.
 */
public final class TestIssuer implements Closeable {

	public static final String AUDIENCE = "orders-api";

	private final MockWebServer server = new MockWebServer();

	private final String pathPrefix;

	private final AtomicInteger jwksRequests = new AtomicInteger();

	private volatile List<JWK> keys = new ArrayList<>();

	private volatile RSAKey rsaKey;

	private volatile ECKey ecKey;

	private volatile boolean down;

	private volatile long hangMillis;

	private volatile String issuerOverride;

	public static final String CLIENT_ID = "orders-api";

	public static final String CLIENT_SECRET = "orders-api-secret";

	private final java.util.Set<String> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final Map<String, Map<String, Object>> opaqueTokens = new java.util.concurrent.ConcurrentHashMap<>();

	private final AtomicInteger introspectionRequests = new AtomicInteger();

	private final java.util.List<RecordedRequest> introspectionLog = new java.util.concurrent.CopyOnWriteArrayList<>();

	private volatile java.util.function.Function<String, MockResponse> introspectionOverride;

	private TestIssuer(String pathPrefix) {
		this.pathPrefix = pathPrefix;
	}

	/** Starts an issuer at {@code http://127.0.0.1:port}. */
	public static TestIssuer start() {
		return start("");
	}

	/**
	 * Starts an issuer whose identifier has a path, e.g. {@code http://127.0.0.1:port/tenant-1}.
	 * @param pathPrefix the path, starting with "/", or ""
	 */
	public static TestIssuer start(String pathPrefix) {
		TestIssuer issuer = new TestIssuer(pathPrefix);
		issuer.rotateKeys();
		issuer.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				return issuer.dispatch(request);
			}
		});
		try {
			issuer.server.start(InetAddress.getByName("127.0.0.1"), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return issuer;
	}

	private MockResponse dispatch(RecordedRequest request) throws InterruptedException {
		String path = request.getUrl().encodedPath();
		if (path.equals(this.pathPrefix + "/jwks")) {
			this.jwksRequests.incrementAndGet();
			if (this.hangMillis > 0) {
				return new MockResponse.Builder().headersDelay(this.hangMillis, TimeUnit.MILLISECONDS)
					.body(jwksJson())
					.build();
			}
			if (this.down) {
				return new MockResponse.Builder().code(503).body("down").build();
			}
			return json(jwksJson());
		}
		if (path.equals("/.well-known/oauth-authorization-server" + this.pathPrefix)) {
			String issuer = (this.issuerOverride != null) ? this.issuerOverride : issuer();
			return json("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri()
					+ "\",\"introspection_endpoint\":\"" + introspectionUri() + "\"}");
		}
		if (path.equals(this.pathPrefix + "/introspect")) {
			this.introspectionRequests.incrementAndGet();
			this.introspectionLog.add(request);
			return introspect(request);
		}
		return new MockResponse.Builder().code(404).build();
	}

	private MockResponse introspect(RecordedRequest request) {
		Map<String, String> form = new java.util.LinkedHashMap<>();
		String body = (request.getBody() != null) ? request.getBody().utf8() : "";
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				form.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
						java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
			}
		}
		String basic = "Basic " + java.util.Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		boolean authenticated = basic.equals(request.getHeaders().get("Authorization"))
				|| (CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret")));
		if (!authenticated) {
			return new MockResponse.Builder().code(401).body("{\"error\":\"invalid_client\"}").build();
		}
		String token = form.getOrDefault("token", "");
		java.util.function.Function<String, MockResponse> override = this.introspectionOverride;
		if (override != null) {
			return override.apply(token);
		}
		if (this.revoked.contains(token)) {
			return json("{\"active\":false}");
		}
		Map<String, Object> claims = this.opaqueTokens.get(token);
		if (claims == null) {
			try {
				claims = SignedJWT.parse(token).getPayload().toJSONObject();
			}
			catch (java.text.ParseException ex) {
				claims = null;
			}
		}
		if (claims == null) {
			return json("{\"active\":false}");
		}
		Map<String, Object> answer = new java.util.LinkedHashMap<>(claims);
		answer.put("active", true);
		answer.put("token_type", "Bearer");
		return json(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(answer));
	}

	private static MockResponse json(String body) {
		return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body).build();
	}

	/** The issuer identifier. */
	public String issuer() {
		return "http://127.0.0.1:" + this.server.getPort() + this.pathPrefix;
	}

	public URI introspectionUri() {
		return URI.create(issuer() + "/introspect");
	}

	/** Marks a token as revoked: introspection answers {@code active: false}. */
	public void revoke(String token) {
		this.revoked.add(token);
	}

	/** Issues an opaque token that introspection knows. */
	public String opaqueToken(Map<String, Object> claims) {
		String token = "opaque-" + java.util.UUID.randomUUID();
		Map<String, Object> all = new java.util.LinkedHashMap<>();
		all.put("iss", issuer());
		all.put("aud", AUDIENCE);
		all.put("exp", Instant.now().plusSeconds(300).getEpochSecond());
		all.putAll(claims);
		this.opaqueTokens.put(token, all);
		return token;
	}

	/** Answers introspection requests with this function of the token instead. */
	public void introspectionAnswers(java.util.function.Function<String, MockResponse> answers) {
		this.introspectionOverride = answers;
	}

	public int introspectionRequests() {
		return this.introspectionRequests.get();
	}

	public java.util.List<RecordedRequest> introspectionLog() {
		return this.introspectionLog;
	}

	public URI jwksUri() {
		return URI.create(issuer() + "/jwks");
	}

	public String jwksJson() {
		return new JWKSet(this.keys).toString(true);
	}

	/** Replaces all keys with a new RSA and a new EC key (new kids). */
	public synchronized void rotateKeys() {
		try {
			this.rsaKey = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
			this.ecKey = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		this.keys = List.of(this.rsaKey.toPublicJWK(), this.ecKey.toPublicJWK());
	}

	/** Publishes exactly these keys (public parts). */
	public void publish(List<JWK> keys) {
		this.keys = keys.stream().map(JWK::toPublicJWK).toList();
	}

	public RSAKey rsaKey() {
		return this.rsaKey;
	}

	public ECKey ecKey() {
		return this.ecKey;
	}

	public void jwksDown() {
		this.down = true;
	}

	public void jwksUp() {
		this.down = false;
		this.hangMillis = 0;
	}

	public void jwksHangs(Duration duration) {
		this.hangMillis = duration.toMillis();
	}

	/** Makes the metadata name another issuer. */
	public void advertiseIssuer(String issuer) {
		this.issuerOverride = issuer;
	}

	public int jwksRequests() {
		return this.jwksRequests.get();
	}

	public int requestCount() {
		return this.server.getRequestCount();
	}

	/** A token valid for five minutes, for {@link #AUDIENCE}, signed with the RSA key. */
	public Token token() {
		Instant now = Instant.now();
		return new Token(this).claim("iss", issuer())
			.claim("aud", AUDIENCE)
			.claim("sub", "alice")
			.claim("iat", now.getEpochSecond())
			.claim("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond())
			.claim("jti", java.util.UUID.randomUUID().toString());
	}

	@Override
	public void close() {
		this.server.close();
	}

	/** A token under construction. */
	public static final class Token {

		private final TestIssuer issuer;

		private final Map<String, Object> claims = new java.util.LinkedHashMap<>();

		private JWSAlgorithm algorithm = JWSAlgorithm.RS256;

		private String keyId;

		private JOSEObjectType type = new JOSEObjectType("at+jwt");

		private JWK signingKey;

		Token(TestIssuer issuer) {
			this.issuer = issuer;
		}

		public Token claim(String name, Object value) {
			this.claims.put(name, value);
			return this;
		}

		public Token without(String name) {
			this.claims.remove(name);
			return this;
		}

		public Token scopes(String scopes) {
			return claim("scope", scopes);
		}

		public Token expiresAt(Instant instant) {
			return claim("exp", instant.getEpochSecond());
		}

		public Token notBefore(Instant instant) {
			return claim("nbf", instant.getEpochSecond());
		}

		public Token issuedAt(Instant instant) {
			return claim("iat", instant.getEpochSecond());
		}

		public Token es256() {
			this.algorithm = JWSAlgorithm.ES256;
			return this;
		}

		public Token algorithm(JWSAlgorithm algorithm) {
			this.algorithm = algorithm;
			return this;
		}

		public Token keyId(String keyId) {
			this.keyId = keyId;
			return this;
		}

		public Token type(String type) {
			this.type = (type != null) ? new JOSEObjectType(type) : null;
			return this;
		}

		public Token signedWith(JWK key) {
			this.signingKey = key;
			return this;
		}

		public String sign() {
			try {
				JWK key = (this.signingKey != null) ? this.signingKey
						: (JWSAlgorithm.Family.EC.contains(this.algorithm) ? this.issuer.ecKey : this.issuer.rsaKey);
				JWSSigner signer = (key instanceof ECKey ec) ? new ECDSASigner(ec) : new RSASSASigner(((RSAKey) key).toPrivateKey(), true);
				JWSHeader header = new JWSHeader.Builder(this.algorithm)
					.keyID((this.keyId != null) ? this.keyId : key.getKeyID())
					.type(this.type)
					.build();
				JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
				this.claims.forEach((name, value) -> claims.claim(name, (value instanceof Instant i) ? Date.from(i) : value));
				SignedJWT jwt = new SignedJWT(header, claims.build());
				jwt.sign(signer);
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
