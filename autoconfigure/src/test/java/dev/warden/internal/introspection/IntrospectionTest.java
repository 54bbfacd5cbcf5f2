package dev.warden.internal.introspection;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.warden.internal.jwt.HttpFetcher;
import dev.warden.internal.jwt.IssuerMetadata;
import dev.warden.introspection.ClientAuthentication;
import dev.warden.introspection.FailurePolicy;
import dev.warden.introspection.IntrospectionListener;
import dev.warden.test.IntrospectionAnswer;
import dev.warden.test.RecordedCall;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The RFC 7662 client and its cache against a real HTTP introspection endpoint: every kind of
 * answer, every failure, both policies, cache lifetime and single flight.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class IntrospectionTest {

	private TestIssuer issuer;

	private Duration timeout = Duration.ofSeconds(2);

	private Duration cacheTtl = Duration.ofSeconds(30);

	private long maxEntries = 1000;

	private ClientAuthentication authentication = ClientAuthentication.CLIENT_SECRET_BASIC;

	private URI uri;

	private Clock clock = Clock.systemUTC();

	private Ticker ticker = Ticker.systemTicker();

	private final List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();

	@BeforeEach
	void start() {
		this.issuer = TestIssuer.start();
		this.uri = this.issuer.introspectionUri();
	}

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	private IntrospectionSettings settings(FailurePolicy policy) {
		return new IntrospectionSettings(this.uri, TestIssuer.CLIENT_ID, TestIssuer.CLIENT_SECRET, this.authentication,
				this.cacheTtl, this.maxEntries, 32, policy, this.issuer.issuer(), Set.of(TestIssuer.AUDIENCE),
				Duration.ofSeconds(60), this.clock);
	}

	private TokenIntrospector introspector() {
		IntrospectionSettings settings = settings(FailurePolicy.DENY);
		HttpFetcher fetcher = new HttpFetcher(this.timeout, this.timeout, 4096, null);
		IntrospectionListener listener = new IntrospectionListener() {
			@Override
			public void call(Outcome outcome, long nanos) {
				IntrospectionTest.this.outcomes.add(outcome.name());
			}
		};
		return new TokenIntrospector(new IntrospectionClient(settings, fetcher, new IssuerMetadata(this.issuer.issuer(), fetcher)),
				settings, listener, this.ticker);
	}

	private RevocationChecker checker(FailurePolicy policy) {
		return new RevocationChecker(introspector(), policy);
	}

	private void answer(String json) {
		this.issuer.introspectionAnswers((token) -> IntrospectionAnswer.json(json));
	}

	@Test
	void activeTokenIsActiveAndTheRequestIsRfc7662() throws Exception {
		String token = this.issuer.token().sign();
		IntrospectionResult result = introspector().introspect(token, null) ;
		assertThat(result.active()).isTrue();
		assertThat(result.claims()).containsEntry("sub", "alice");
		RecordedCall request = this.issuer.introspectionLog().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
		assertThat(request.header("Authorization")).startsWith("Basic ");
		assertThat(request.body()).startsWith("token=" + token).endsWith("&token_type_hint=access_token");
		assertThat(this.outcomes).containsExactly("ACTIVE");
	}

	@Test
	void clientSecretPostSendsCredentialsInTheForm() throws Exception {
		this.authentication = ClientAuthentication.CLIENT_SECRET_POST;
		assertThat(introspector().introspect(this.issuer.token().sign(), null).active()).isTrue();
		RecordedCall request = this.issuer.introspectionLog().get(0);
		assertThat(request.header("Authorization")).isNull();
		assertThat(request.body()).contains("&client_id=orders-api&client_secret=orders-api-secret");
	}

	@Test
	void endpointIsDiscoveredFromTheIssuerMetadata() throws Exception {
		this.uri = null;
		assertThat(introspector().introspect(this.issuer.token().sign(), null).active()).isTrue();
	}

	@Test
	void revokedTokenIsInactive() throws Exception {
		String token = this.issuer.token().sign();
		this.issuer.revoke(token);
		assertThat(checker(FailurePolicy.DENY).check(token, null))
			.isEqualTo(RevocationChecker.Verdict.INACTIVE);
	}

	@Test
	void answersThatContradictTheConfigurationAreInactive() throws Exception {
		long future = Instant.now().plusSeconds(300).getEpochSecond();
		long past = Instant.now().minusSeconds(300).getEpochSecond();
		Map<String, String> answers = Map.of(
				"{\"active\":true,\"exp\":" + past + "}", "exp has passed",
				"{\"active\":true,\"exp\":" + future + ",\"iss\":\"https://other.example\"}", "iss names another issuer",
				"{\"active\":true,\"aud\":[\"billing-api\"]}", "aud names none of the configured audiences",
				"{\"active\":true,\"token_type\":\"refresh_token\"}", "token_type is a refresh token",
				"{\"active\":false}", "active is not true");
		for (Map.Entry<String, String> entry : answers.entrySet()) {
			answer(entry.getKey());
			IntrospectionResult result = introspector().introspect("t-" + entry.getKey().hashCode(), null);
			assertThat(result.active()).as(entry.getKey()).isFalse();
			assertThat(result.reason()).as(entry.getKey()).isEqualTo(entry.getValue());
		}
	}

	@Test
	void matchingIssuerAndAudienceAreActive() throws Exception {
		answer("{\"active\":true,\"iss\":\"" + this.issuer.issuer() + "\",\"aud\":\"orders-api\",\"token_type\":\"Bearer\"}");
		assertThat(introspector().introspect("t", null).active()).isTrue();
	}

	private void assertFails(String expectedMessagePart) {
		TokenIntrospector introspector = introspector();
		assertThatExceptionOfType(IntrospectionFailedException.class)
			.isThrownBy(() -> introspector.introspect(this.issuer.token().sign(), null))
			.withMessageContaining(expectedMessagePart);
	}

	@Test
	void garbageIsAFailureNotAVerdict() {
		answer("<html>oops</html>");
		assertFails("not a JSON object");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"active\":\"true\"}", "{\"active\":1}", "{\"active\":null}", "{\"active\":[true]}",
			"{\"active\":\"false\"}" })
	void activeThatIsNotABooleanIsAMalformedAnswerNotAVerdict(String body) {
		// RFC 7662 §2.2: a JSON boolean; anything else follows the outage policy like garbage
		answer(body);
		assertFails("'active' member is not a boolean");
	}

	@Test
	void answerWithoutActiveIsAFailure() {
		answer("{\"sub\":\"alice\"}");
		assertFails("has no 'active' member");
	}

	@Test
	void oversizedAnswerIsAFailure() {
		answer("{\"active\":true,\"pad\":\"" + "x".repeat(10_000) + "\"}");
		assertFails("larger than the limit of 4096 bytes");
	}

	@ParameterizedTest
	@ValueSource(ints = { 401, 403 })
	void refusedClientCredentialsAreAConfigurationProblemNotAnOutage(int status, CapturedOutput output) {
		this.issuer.introspectionAnswers((token) -> IntrospectionAnswer.status(status));
		TokenIntrospector introspector = introspector();
		assertThatExceptionOfType(IntrospectionFailedException.class)
			.isThrownBy(() -> introspector.introspect(this.issuer.token().sign(), null))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(IntrospectionFailedException.Kind.CLIENT_REJECTED))
			.withMessage("The introspection endpoint refused this service's client credentials (HTTP " + status
					+ "): check warden.introspection.client-id, warden.introspection.client-secret and "
					+ "warden.introspection.client-authentication");
		assertThat(this.outcomes).contains("CLIENT_REJECTED");
		RevocationChecker checker = new RevocationChecker(introspector(), FailurePolicy.DENY);
		assertThat(checker.check(this.issuer.token().sign(), null)).isEqualTo(RevocationChecker.Verdict.UNAVAILABLE);
		assertThat(checker.lastCall().outcome()).isEqualTo("client_rejected");
		assertThat(output.getAll()).contains("WARN").contains("refused this service's client credentials (HTTP " + status);
	}

	@Test
	void serverErrorIsAFailure() {
		this.issuer.introspectionAnswers((token) -> IntrospectionAnswer.status(500));
		assertFails("HTTP 500");
	}

	@Test
	void redirectIsNotFollowed() {
		this.issuer.introspectionAnswers((token) -> IntrospectionAnswer.status(302)
			.header("Location", "http://127.0.0.1:1/elsewhere"));
		assertFails("HTTP 302");
	}

	@Test
	void wrongClientCredentialsAreAFailure() {
		IntrospectionSettings wrong = new IntrospectionSettings(this.uri, "orders-api", "wrong", this.authentication,
				this.cacheTtl, 10, 4, FailurePolicy.DENY, this.issuer.issuer(), Set.of(), Duration.ZERO,
				this.clock);
		HttpFetcher fetcher = new HttpFetcher(this.timeout, this.timeout, 4096, null);
		TokenIntrospector introspector = new TokenIntrospector(new IntrospectionClient(wrong, fetcher, null), wrong,
				IntrospectionListener.NONE);
		assertThatExceptionOfType(IntrospectionFailedException.class)
			.isThrownBy(() -> introspector.introspect("t", null))
			.withMessageContaining("HTTP 401");
	}

	@Test
	void connectionRefusedIsAFailure() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
		}
		this.uri = URI.create("http://127.0.0.1:" + port + "/introspect");
		assertFails("failed");
	}

	@Test
	void hangingEndpointIsAnsweredWithinTheTimeout() {
		this.timeout = Duration.ofMillis(300);
		this.issuer.introspectionAnswers((token) -> IntrospectionAnswer.status(200)
			.body("{\"active\":true}")
			.delayed(Duration.ofSeconds(10)));
		TokenIntrospector introspector = introspector();
		long start = System.nanoTime();
		assertThatExceptionOfType(IntrospectionFailedException.class).isThrownBy(() -> introspector.introspect("t", null))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(IntrospectionFailedException.Kind.TIMEOUT));
		// deadline is connect + read = 600ms (+250ms wait margin); the rest covers a loaded machine
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600 + 250 + 1500));
		assertThat(this.outcomes).containsExactly("TIMEOUT");
	}

	@Test
	void denyPolicyMakesAFailureUnavailable() {
		answer("garbage");
		assertThat(checker(FailurePolicy.DENY).check("t", null))
			.isEqualTo(RevocationChecker.Verdict.UNAVAILABLE);
	}

	@Test
	void allowPolicyLetsTheLocallyValidTokenThroughAndCountsIt() {
		answer("garbage");
		RevocationChecker checker = checker(FailurePolicy.ALLOW);
		assertThat(checker.check("t1", null)).isEqualTo(RevocationChecker.Verdict.ALLOWED_UNCHECKED);
		assertThat(checker.check("t2", null)).isEqualTo(RevocationChecker.Verdict.ALLOWED_UNCHECKED);
		assertThat(checker.allowedUncheckedCount()).isEqualTo(2);
	}

	@Test
	void failuresAreNotCached() throws Exception {
		answer("garbage");
		TokenIntrospector introspector = introspector();
		assertThatExceptionOfType(IntrospectionFailedException.class).isThrownBy(() -> introspector.introspect("t", null));
		this.issuer.introspectionAnswers(null);
		String token = this.issuer.token().sign();
		assertThat(introspector.introspect(token, null).active()).isTrue();
	}

	@Test
	void answersAreCachedUnderTheTokensHash() throws Exception {
		TokenIntrospector introspector = introspector();
		String token = this.issuer.token().sign();
		for (int i = 0; i < 10; i++) {
			assertThat(introspector.introspect(token, null).active()).isTrue();
		}
		assertThat(this.issuer.introspectionRequests()).isEqualTo(1);
		// the one cached answer sits under the hex SHA-256 of the token, computed here independently
		String sha256 = java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256")
				.digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		java.util.Set<String> keys = cachedKeys(introspector);
		// compared without printing the keys: a key that is the token must not end up in a test report
		assertThat(keys.size() == 1 && keys.contains(sha256))
			.as("the cache holds exactly one key, the SHA-256 of the token (keys: %s, the SHA-256 among them: %s)",
					keys.size(), keys.contains(sha256))
			.isTrue();
	}

	/** The keys of an introspector's answer cache. */
	@SuppressWarnings("unchecked")
	private static java.util.Set<String> cachedKeys(TokenIntrospector introspector) throws Exception {
		java.lang.reflect.Field field = TokenIntrospector.class.getDeclaredField("cache");
		field.setAccessible(true);
		return ((com.github.benmanes.caffeine.cache.Cache<String, IntrospectionResult>) field.get(introspector)).asMap()
			.keySet();
	}

	@Test
	void inactiveAnswersAreCachedToo() throws Exception {
		String token = this.issuer.token().sign();
		this.issuer.revoke(token);
		TokenIntrospector introspector = introspector();
		introspector.introspect(token, null);
		introspector.introspect(token, null);
		assertThat(this.issuer.introspectionRequests()).isEqualTo(1);
	}

	@Test
	void cacheLifetimeIsTheTtl() throws Exception {
		FakeTicker fake = new FakeTicker();
		this.ticker = fake;
		this.cacheTtl = Duration.ofSeconds(5);
		TokenIntrospector introspector = introspector();
		String token = this.issuer.token().sign();
		introspector.introspect(token, null);
		fake.advance(Duration.ofSeconds(4));
		introspector.introspect(token, null);
		assertThat(this.issuer.introspectionRequests()).isEqualTo(1);
		fake.advance(Duration.ofSeconds(2));
		introspector.introspect(token, null);
		assertThat(this.issuer.introspectionRequests()).isEqualTo(2);
	}

	@Test
	void cacheLifetimeIsCappedByTheTokensExpiry() throws Exception {
		FakeTicker fake = new FakeTicker();
		this.ticker = fake;
		Instant now = Instant.now();
		this.clock = Clock.fixed(now, ZoneOffset.UTC);
		this.cacheTtl = Duration.ofMinutes(10);
		String token = this.issuer.token().expiresAt(now.plusSeconds(10)).sign();
		TokenIntrospector introspector = introspector();
		introspector.introspect(token, null);
		fake.advance(Duration.ofSeconds(9));
		introspector.introspect(token, null);
		assertThat(this.issuer.introspectionRequests()).isEqualTo(1);
		fake.advance(Duration.ofSeconds(2));
		introspector.introspect(token, null);
		assertThat(this.issuer.introspectionRequests()).isEqualTo(2);
	}

	@Test
	void cacheLifetimeIsCappedByTheJwtExpiryWhenTheAnswerHasNone() throws Exception {
		FakeTicker fake = new FakeTicker();
		this.ticker = fake;
		Instant now = Instant.now();
		this.clock = Clock.fixed(now, ZoneOffset.UTC);
		this.cacheTtl = Duration.ofMinutes(10);
		answer("{\"active\":true}");
		TokenIntrospector introspector = introspector();
		introspector.introspect("t", now.plusSeconds(3));
		fake.advance(Duration.ofSeconds(4));
		introspector.introspect("t", now.plusSeconds(3));
		assertThat(this.issuer.introspectionRequests()).isEqualTo(2);
	}

	@Test
	void concurrentRequestsForOneTokenShareOneCall() throws Exception {
		this.issuer.introspectionAnswers((token) -> IntrospectionAnswer.json("{\"active\":true}")
			.delayed(Duration.ofMillis(300)));
		TokenIntrospector introspector = introspector();
		ExecutorService pool = Executors.newFixedThreadPool(64);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<IntrospectionResult>> results = new ArrayList<>();
			for (int i = 0; i < 64; i++) {
				results.add(pool.submit(() -> {
					go.await();
					return introspector.introspect("same-token", null);
				}));
			}
			go.countDown();
			for (Future<IntrospectionResult> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS).active()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.issuer.introspectionRequests()).isEqualTo(1);
	}

	@Test
	void cacheIsBounded() throws Exception {
		this.maxEntries = 20;
		answer("{\"active\":false}");
		TokenIntrospector introspector = introspector();
		for (int i = 0; i < 100; i++) {
			introspector.introspect("token-" + i, null);
		}
		introspector.cleanUp();
		assertThat(introspector.cacheSize()).isLessThanOrEqualTo(20);
	}

	static final class FakeTicker implements Ticker {

		private final AtomicLong nanos = new AtomicLong(System.nanoTime());

		void advance(Duration duration) {
			this.nanos.addAndGet(duration.toNanos());
		}

		@Override
		public long read() {
			return this.nanos.get();
		}

	}

}
