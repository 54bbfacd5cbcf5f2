package dev.warden.test;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local authorization server for tests: a real HTTP server on 127.0.0.1 (MockWebServer) that
 * serves RFC 8414 metadata, a JWKS and an RFC 7662 introspection endpoint, and mints real signed
 * tokens — so tests go through Warden's real pipeline, not around it.
 *
 * <pre class="code">
 * String token = issuer.token().scopes("orders:read").subject("alice").expiresIn(Duration.ofMinutes(5)).sign();
 * issuer.rotateKeys();
 * issuer.jwksDown();
 * issuer.revoke(token);
 * </pre>
 *
 * Use {@link WithWardenIssuer} to point a {@code @SpringBootTest} at a shared instance, or
 * {@link #start(String, String, String)} to run one yourself.
 */
public class WardenTestIssuer implements Closeable {

	private static final Map<String, WardenTestIssuer> shared = new ConcurrentHashMap<>();

	private final MockWebServer server = new MockWebServer();

	private final String pathPrefix;

	private final String audience;

	private final String clientId;

	private final String clientSecret;

	private final AtomicInteger jwksRequests = new AtomicInteger();

	private final AtomicInteger introspectionRequests = new AtomicInteger();

	private final List<RecordedRequest> introspectionLog = new CopyOnWriteArrayList<>();

	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	private final Map<String, Map<String, Object>> opaqueTokens = new ConcurrentHashMap<>();

	private volatile List<JWK> keys = new ArrayList<>();

	private volatile RSAKey rsaKey;

	private volatile ECKey ecKey;

	private volatile boolean down;

	private volatile long hangMillis;

	private volatile String issuerOverride;

	private volatile Function<String, MockResponse> introspectionOverride;

	/**
	 * Creates an issuer; {@link #startServer()} starts it.
	 * @param pathPrefix the issuer's path, starting with "/", or ""
	 * @param audience the default {@code aud} of minted tokens
	 * @param clientId the client accepted at the introspection endpoint
	 * @param clientSecret its secret
	 */
	protected WardenTestIssuer(String pathPrefix, String audience, String clientId, String clientSecret) {
		this.pathPrefix = pathPrefix;
		this.audience = audience;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	/**
	 * Starts an issuer at {@code http://127.0.0.1:<port>}.
	 * @param audience the default {@code aud} of minted tokens
	 * @param clientId the client accepted at the introspection endpoint
	 * @param clientSecret its secret
	 * @return the running issuer; close it when done
	 */
	public static WardenTestIssuer start(String audience, String clientId, String clientSecret) {
		return new WardenTestIssuer("", audience, clientId, clientSecret).startServer();
	}

	/**
	 * The issuer shared by every test context in this JVM that asks for this audience: it lives
	 * as long as Spring's cached contexts that point at it, and stops when the JVM exits.
	 * @param audience the audience
	 * @return the shared issuer
	 */
	public static WardenTestIssuer shared(String audience) {
		return shared("default", audience);
	}

	/**
	 * The issuer of this name shared by every test context in this JVM that asks for it with this
	 * audience: each name is its own authorization server, with its own keys.
	 * @param name the issuer's configured name
	 * @param audience the audience
	 * @return the shared issuer
	 */
	public static WardenTestIssuer shared(String name, String audience) {
		return shared.computeIfAbsent(name.equals("default") ? audience : name + " " + audience, (key) -> {
			WardenTestIssuer issuer = start(audience, "warden-test-client", "warden-test-secret");
			Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "warden-test-issuer-stop"));
			return issuer;
		});
	}

	/**
	 * Starts the HTTP server.
	 * @param <T> the issuer type
	 * @return this issuer
	 */
	@SuppressWarnings("unchecked")
	protected <T extends WardenTestIssuer> T startServer() {
		rotateKeys();
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				return WardenTestIssuer.this.dispatch(request);
			}
		});
		try {
			this.server.start(InetAddress.getByName("127.0.0.1"), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The test issuer could not start", ex);
		}
		return (T) this;
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
			.encodeToString((this.clientId + ":" + this.clientSecret).getBytes(StandardCharsets.UTF_8));
		boolean authenticated = basic.equals(request.getHeaders().get("Authorization"))
				|| (this.clientId.equals(form.get("client_id")) && this.clientSecret.equals(form.get("client_secret")));
		if (!authenticated) {
			return new MockResponse.Builder().code(401).body("{\"error\":\"invalid_client\"}").build();
		}
		String token = form.getOrDefault("token", "");
		Function<String, MockResponse> override = this.introspectionOverride;
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

	/**
	 * The issuer identifier, e.g. {@code http://127.0.0.1:41234}.
	 * @return the issuer
	 */
	public String issuer() {
		return "http://127.0.0.1:" + this.server.getPort() + this.pathPrefix;
	}

	/**
	 * The default audience of minted tokens.
	 * @return the audience
	 */
	public String audience() {
		return this.audience;
	}

	/**
	 * The client accepted at the introspection endpoint.
	 * @return the client id
	 */
	public String clientId() {
		return this.clientId;
	}

	/**
	 * Its secret.
	 * @return the secret
	 */
	public String clientSecret() {
		return this.clientSecret;
	}

	/**
	 * The JWKS endpoint.
	 * @return the URI
	 */
	public URI jwksUri() {
		return URI.create(issuer() + "/jwks");
	}

	/**
	 * The introspection endpoint.
	 * @return the URI
	 */
	public URI introspectionUri() {
		return URI.create(issuer() + "/introspect");
	}

	/**
	 * The JWKS document now published.
	 * @return the JSON
	 */
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

	/**
	 * Publishes exactly these keys (their public parts).
	 * @param keys the keys
	 */
	public void publish(List<JWK> keys) {
		this.keys = keys.stream().map(JWK::toPublicJWK).toList();
	}

	/**
	 * The current RSA signing key.
	 * @return the key
	 */
	public RSAKey rsaKey() {
		return this.rsaKey;
	}

	/**
	 * The current EC (P-256) signing key.
	 * @return the key
	 */
	public ECKey ecKey() {
		return this.ecKey;
	}

	/** Makes the JWKS endpoint answer 503. */
	public void jwksDown() {
		this.down = true;
	}

	/** Makes the JWKS endpoint answer normally again. */
	public void jwksUp() {
		this.down = false;
		this.hangMillis = 0;
	}

	/**
	 * Makes the JWKS endpoint wait this long before answering.
	 * @param duration the delay
	 */
	public void jwksHangs(Duration duration) {
		this.hangMillis = duration.toMillis();
	}

	/**
	 * Makes the metadata name another issuer.
	 * @param issuer the issuer to advertise, or {@code null} for the real one
	 */
	public void advertiseIssuer(String issuer) {
		this.issuerOverride = issuer;
	}

	/**
	 * Marks a token as revoked: introspection answers {@code active: false}.
	 * @param token the token
	 */
	public void revoke(String token) {
		this.revoked.add(token);
	}

	/**
	 * Issues an opaque (non-JWT) token that the introspection endpoint knows.
	 * @param claims its claims ({@code iss}, {@code aud} and a five-minute {@code exp} are added
	 * unless given)
	 * @return the token
	 */
	public String opaqueToken(Map<String, Object> claims) {
		String token = "opaque-" + UUID.randomUUID();
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("iss", issuer());
		all.put("aud", this.audience);
		all.put("exp", Instant.now().plusSeconds(300).getEpochSecond());
		all.putAll(claims);
		this.opaqueTokens.put(token, all);
		return token;
	}

	/**
	 * Answers introspection requests with this function of the token instead.
	 * @param answers the answers, or {@code null} to answer normally
	 */
	public void introspectionAnswers(Function<String, MockResponse> answers) {
		this.introspectionOverride = answers;
	}

	/** Restores normal behaviour: JWKS up, real issuer advertised, normal introspection answers. */
	public void reset() {
		jwksUp();
		this.issuerOverride = null;
		this.introspectionOverride = null;
	}

	/**
	 * How many JWKS requests arrived.
	 * @return the count
	 */
	public int jwksRequests() {
		return this.jwksRequests.get();
	}

	/**
	 * How many introspection requests arrived.
	 * @return the count
	 */
	public int introspectionRequests() {
		return this.introspectionRequests.get();
	}

	/**
	 * The introspection requests received.
	 * @return the requests
	 */
	public List<RecordedRequest> introspectionLog() {
		return this.introspectionLog;
	}

	/**
	 * How many requests of any kind arrived.
	 * @return the count
	 */
	public int requestCount() {
		return this.server.getRequestCount();
	}

	/**
	 * A token valid for five minutes for {@link #audience()}, subject {@code alice}, signed with
	 * the RSA key (RS256, {@code typ at+jwt}).
	 * @return a token to adjust and {@link Token#sign() sign}
	 */
	public Token token() {
		Instant now = Instant.now();
		return new Token(this).claim("iss", issuer())
			.claim("aud", this.audience)
			.claim("sub", "alice")
			.claim("iat", now.getEpochSecond())
			.claim("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond())
			.claim("jti", UUID.randomUUID().toString());
	}

	@Override
	public void close() {
		this.server.close();
	}

	/** A token under construction. */
	public static final class Token {

		private final WardenTestIssuer issuer;

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private JWSAlgorithm algorithm = JWSAlgorithm.RS256;

		private String keyId;

		private JOSEObjectType type = new JOSEObjectType("at+jwt");

		private JWK signingKey;

		Token(WardenTestIssuer issuer) {
			this.issuer = issuer;
		}

		/**
		 * Sets a claim.
		 * @param name the claim
		 * @param value its value (any JSON-compatible value; {@code null} is sent as JSON null — use
		 * {@link #without(String)} to leave a claim out)
		 * @return this token
		 */
		public Token claim(String name, Object value) {
			this.claims.put(name, value);
			return this;
		}

		/**
		 * Removes a claim.
		 * @param name the claim
		 * @return this token
		 */
		public Token without(String name) {
			this.claims.remove(name);
			return this;
		}

		/**
		 * Sets the {@code scope} claim.
		 * @param scopes the scopes, joined with spaces
		 * @return this token
		 */
		public Token scopes(String... scopes) {
			return claim("scope", String.join(" ", scopes));
		}

		/**
		 * Sets {@code sub}.
		 * @param subject the subject
		 * @return this token
		 */
		public Token subject(String subject) {
			return claim("sub", subject);
		}

		/**
		 * Sets {@code client_id}.
		 * @param clientId the client
		 * @return this token
		 */
		public Token clientId(String clientId) {
			return claim("client_id", clientId);
		}

		/**
		 * Sets {@code aud}.
		 * @param audience the audience
		 * @return this token
		 */
		public Token audience(String audience) {
			return claim("aud", audience);
		}

		/**
		 * Sets {@code exp} this long from now.
		 * @param lifetime the lifetime (negative for an expired token)
		 * @return this token
		 */
		public Token expiresIn(Duration lifetime) {
			return expiresAt(Instant.now().plus(lifetime));
		}

		/**
		 * Sets {@code exp}.
		 * @param instant the expiry
		 * @return this token
		 */
		public Token expiresAt(Instant instant) {
			return claim("exp", instant.getEpochSecond());
		}

		/**
		 * Sets {@code nbf}.
		 * @param instant the start of validity
		 * @return this token
		 */
		public Token notBefore(Instant instant) {
			return claim("nbf", instant.getEpochSecond());
		}

		/**
		 * Sets {@code iat}.
		 * @param instant the issue time
		 * @return this token
		 */
		public Token issuedAt(Instant instant) {
			return claim("iat", instant.getEpochSecond());
		}

		/**
		 * Sets {@code acr}, the authentication context class of the sign-in (e.g. {@code mfa}).
		 * @param acr the level
		 * @return this token
		 */
		public Token acr(String acr) {
			return claim("acr", acr);
		}

		/**
		 * Sets {@code auth_time}, when the user signed in.
		 * @param instant the time of the sign-in
		 * @return this token
		 */
		public Token authTime(Instant instant) {
			return claim("auth_time", instant.getEpochSecond());
		}

		/**
		 * Binds the token to a DPoP key ({@code cnf.jkt}, RFC 9449): it is then accepted only with
		 * the {@code DPoP} scheme and a proof signed by that key.
		 * @param key the client's key
		 * @return this token
		 */
		public Token boundTo(DPoPKey key) {
			return confirmation("jkt", key.thumbprint());
		}

		/**
		 * Binds the token to a client certificate ({@code cnf.x5t#S256}, RFC 8705): it is then
		 * accepted only on a request that presents that certificate.
		 * @param certificate the client's certificate
		 * @return this token
		 */
		public Token boundTo(java.security.cert.X509Certificate certificate) {
			return confirmation("x5t#S256", TestCertificates.thumbprint(certificate));
		}

		@SuppressWarnings("unchecked")
		private Token confirmation(String member, String value) {
			Map<String, Object> cnf = (this.claims.get("cnf") instanceof Map<?, ?> existing)
					? new LinkedHashMap<>((Map<String, Object>) existing) : new LinkedHashMap<>();
			cnf.put(member, value);
			return claim("cnf", cnf);
		}

		/**
		 * Signs with the EC key (ES256).
		 * @return this token
		 */
		public Token es256() {
			this.algorithm = JWSAlgorithm.ES256;
			return this;
		}

		/**
		 * Sets the JWS algorithm.
		 * @param algorithm the algorithm
		 * @return this token
		 */
		public Token algorithm(JWSAlgorithm algorithm) {
			this.algorithm = algorithm;
			return this;
		}

		/**
		 * Sets the {@code kid} header.
		 * @param keyId the key id
		 * @return this token
		 */
		public Token keyId(String keyId) {
			this.keyId = keyId;
			return this;
		}

		/**
		 * Sets the {@code typ} header.
		 * @param type the type, or {@code null} for none
		 * @return this token
		 */
		public Token type(String type) {
			this.type = (type != null) ? new JOSEObjectType(type) : null;
			return this;
		}

		/**
		 * Signs with another key (e.g. an attacker's).
		 * @param key the key, with its private part
		 * @return this token
		 */
		public Token signedWith(JWK key) {
			this.signingKey = key;
			return this;
		}

		/**
		 * Signs the token.
		 * @return the compact JWS
		 */
		public String sign() {
			try {
				JWK key = (this.signingKey != null) ? this.signingKey
						: (JWSAlgorithm.Family.EC.contains(this.algorithm) ? this.issuer.ecKey : this.issuer.rsaKey);
				JWSSigner signer = (key instanceof ECKey ec) ? new ECDSASigner(ec)
						: new RSASSASigner(((RSAKey) key).toPrivateKey(), true);
				JWSHeader header = new JWSHeader.Builder(this.algorithm)
					.keyID((this.keyId != null) ? this.keyId : key.getKeyID())
					.type(this.type)
					.build();
				// a claim set to null is sent as JSON null (tests of claims of the wrong type need it)
				JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().serializeNullClaims(true);
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
