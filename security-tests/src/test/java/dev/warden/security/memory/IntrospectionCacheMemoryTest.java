package dev.warden.security.memory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import dev.warden.internal.introspection.IntrospectionClient;
import dev.warden.internal.introspection.IntrospectionResult;
import dev.warden.internal.introspection.IntrospectionSettings;
import dev.warden.internal.introspection.TokenIntrospector;
import dev.warden.internal.jwt.HttpFetcher;
import dev.warden.internal.jwt.IssuerMetadata;
import dev.warden.introspection.ClientAuthentication;
import dev.warden.introspection.FailurePolicy;
import dev.warden.introspection.IntrospectionListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One million distinct tokens through Warden's introspection cache ({@link TokenIntrospector}):
 * the cache never holds more than {@code max-entries}, and the heap after a full GC grows by far
 * less than an unbounded cache would need (one million entries are several hundred MB).
 * <p>
 * How the cache is driven: one million calls over HTTP would take minutes, so the
 * {@link HttpFetcher}'s JDK {@code HttpClient} is replaced (by reflection, on this test's own
 * fetcher instance) with an in-process client that answers every request at once with an active
 * RFC 7662 answer. Everything else is Warden's real path: {@code TokenIntrospector.introspect}
 * (SHA-256 key, Caffeine cache, single flight, concurrency permits), {@code IntrospectionClient}
 * (form body, client authentication, strict reading of the JSON answer) and
 * {@code HttpFetcher.sendAsync} (deadline). The test lives in Warden's package only to reach the
 * package-private {@code cleanUp()}.
 */
class IntrospectionCacheMemoryTest {

	private static final int TOKENS = 1_000_000;

	private static final long MAX_ENTRIES = 10_000;

	private static final long MAX_HEAP_GROWTH = 64L * 1024 * 1024;

	@Test
	void oneMillionDistinctTokensKeepTheCacheWithinMaxEntriesAndTheHeapBounded() throws Exception {
		long heapBefore = usedHeapAfterGc();
		IntrospectionSettings settings = new IntrospectionSettings(URI.create("http://127.0.0.1:9/introspect"), "orders-api",
				"orders-api-secret", ClientAuthentication.CLIENT_SECRET_BASIC, Duration.ofHours(1),
				MAX_ENTRIES, 64, FailurePolicy.DENY, "http://issuer.test", Set.of("orders-api"),
				Duration.ofSeconds(60), Clock.systemUTC());
		HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(1), Duration.ofSeconds(1), 64 * 1024, null);
		InProcessAuthorizationServer server = new InProcessAuthorizationServer();
		replaceHttpClient(fetcher, server);
		TokenIntrospector introspector = new TokenIntrospector(
				new IntrospectionClient(settings, fetcher, new IssuerMetadata("http://issuer.test", fetcher)), settings,
				IntrospectionListener.NONE);

		long maxSeen = 0;
		for (int i = 0; i < TOKENS; i++) {
			IntrospectionResult result = introspector.introspect("synthetic-token-" + i, null);
			if (!result.active()) {
				throw new AssertionError("token " + i + " not active: " + result.reason());
			}
			if (i % 50_000 == 49_999) {
				introspector.cleanUp();
				maxSeen = Math.max(maxSeen, introspector.cacheSize());
				assertThat(introspector.cacheSize()).as("cache size after %s tokens", i + 1).isLessThanOrEqualTo(MAX_ENTRIES);
			}
		}
		introspector.cleanUp();
		assertThat(server.calls.get()).as("every distinct token was a cache miss and one call").isEqualTo(TOKENS);
		assertThat(introspector.cacheSize()).isLessThanOrEqualTo(MAX_ENTRIES);
		assertThat(maxSeen).as("the cache did fill up to its bound").isGreaterThan(MAX_ENTRIES / 2);
		// the last tokens are still cached: a repeat is a hit, not a call
		introspector.introspect("synthetic-token-" + (TOKENS - 1), null);
		assertThat(server.calls.get()).isEqualTo(TOKENS);

		long heapAfter = usedHeapAfterGc();
		System.out.printf("Introspection cache: %d tokens, %d cached, heap growth %d KB%n", TOKENS, introspector.cacheSize(),
				(heapAfter - heapBefore) / 1024);
		assertThat(heapAfter - heapBefore).as("heap growth after %s distinct tokens (bytes)", TOKENS)
			.isLessThan(MAX_HEAP_GROWTH);
		// keep the introspector reachable until after the measurement
		assertThat(introspector.cacheSize()).isPositive();
	}

	static long usedHeapAfterGc() throws InterruptedException {
		Runtime runtime = Runtime.getRuntime();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(50);
			used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
		}
		return used;
	}

	private static void replaceHttpClient(HttpFetcher fetcher, HttpClient client) throws ReflectiveOperationException {
		Field field = HttpFetcher.class.getDeclaredField("client");
		field.setAccessible(true);
		field.set(fetcher, client);
	}

	/** Answers every request at once with an active token that expires in an hour. */
	static final class InProcessAuthorizationServer extends HttpClient {

		final AtomicLong calls = new AtomicLong();

		private final byte[] answer = ("{\"active\":true,\"sub\":\"alice\",\"scope\":\"data:read\",\"client_id\":\"c\","
				+ "\"token_type\":\"Bearer\",\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}")
			.getBytes(StandardCharsets.UTF_8);

		@Override
		@SuppressWarnings("unchecked")
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
				HttpResponse.BodyHandler<T> handler) {
			this.calls.incrementAndGet();
			return CompletableFuture.completedFuture((HttpResponse<T>) new Answer(request, this.answer));
		}

		@Override
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
				HttpResponse.PushPromiseHandler<T> push) {
			return sendAsync(request, handler);
		}

		@Override
		public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
			return sendAsync(request, handler).join();
		}

		@Override
		public Optional<CookieHandler> cookieHandler() {
			return Optional.empty();
		}

		@Override
		public Optional<Duration> connectTimeout() {
			return Optional.empty();
		}

		@Override
		public Redirect followRedirects() {
			return Redirect.NEVER;
		}

		@Override
		public Optional<ProxySelector> proxy() {
			return Optional.empty();
		}

		@Override
		public SSLContext sslContext() {
			return null;
		}

		@Override
		public SSLParameters sslParameters() {
			return null;
		}

		@Override
		public Optional<Authenticator> authenticator() {
			return Optional.empty();
		}

		@Override
		public Version version() {
			return Version.HTTP_1_1;
		}

		@Override
		public Optional<Executor> executor() {
			return Optional.empty();
		}

	}

	record Answer(HttpRequest request, byte[] body) implements HttpResponse<byte[]> {

		@Override
		public int statusCode() {
			return 200;
		}

		@Override
		public Optional<HttpResponse<byte[]>> previousResponse() {
			return Optional.empty();
		}

		@Override
		public HttpHeaders headers() {
			return HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (name, value) -> true);
		}

		@Override
		public Optional<SSLSession> sslSession() {
			return Optional.empty();
		}

		@Override
		public URI uri() {
			return this.request.uri();
		}

		@Override
		public HttpClient.Version version() {
			return HttpClient.Version.HTTP_1_1;
		}

	}

}
