package dev.warden.test;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import mockwebserver3.MockWebServer;

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

	final String pathPrefix;

	private final String audience;

	final String clientId;

	final String clientSecret;

	final AtomicInteger jwksRequests = new AtomicInteger();

	final AtomicInteger introspectionRequests = new AtomicInteger();

	final List<RecordedCall> introspectionLog = new CopyOnWriteArrayList<>();

	final Set<String> revoked = ConcurrentHashMap.newKeySet();

	final Map<String, Map<String, Object>> opaqueTokens = new ConcurrentHashMap<>();

	private volatile List<JWK> keys = new ArrayList<>();

	private volatile RSAKey rsaKey;

	private volatile ECKey ecKey;

	volatile boolean down;

	volatile long hangMillis;

	volatile String issuerOverride;

	volatile Function<String, IntrospectionAnswer> introspectionOverride;

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
		this.server.setDispatcher(new IssuerEndpoints(this));
		try {
			this.server.start(InetAddress.getByName("127.0.0.1"), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The test issuer could not start", ex);
		}
		return (T) this;
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
	public void introspectionAnswers(Function<String, IntrospectionAnswer> answers) {
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
	public List<RecordedCall> introspectionLog() {
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
	 * @return a token to adjust and {@link TestToken#sign() sign}
	 */
	public TestToken token() {
		Instant now = Instant.now();
		return new TestToken(this).claim("iss", issuer())
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

}
