package dev.warden.internal.jwt;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.warden.internal.WardenExecutors;

/**
 * Fetches small documents (JWKS, authorization server metadata) with the JDK's {@link HttpClient}.
 * <p>
 * Every fetch is bounded: the connect timeout, a wall-clock deadline of connect + read timeout for
 * the whole exchange (so a server that drips its answer cannot hold a request thread longer), and
 * a size limit checked while the body streams in. Redirects are not followed. The JVM's proxy
 * settings apply through the default {@link ProxySelector}; TLS uses the given {@link SSLContext}
 * (from a Spring Boot SSL bundle) or the JVM default.
 */
public final class HttpFetcher implements ResourceRetriever {

	private final java.util.concurrent.ScheduledExecutorService deadlines;

	private final HttpClient client;

	private final Duration readTimeout;

	private final Duration deadline;

	private final int maxBytes;

	/**
	 * Creates a fetcher.
	 * @param connectTimeout TCP/TLS connect timeout
	 * @param readTimeout time allowed for the answer once connected
	 * @param maxBytes largest body accepted
	 * @param sslContext TLS context, or {@code null} for the JVM default
	 */
	public HttpFetcher(Duration connectTimeout, Duration readTimeout, long maxBytes, SSLContext sslContext) {
		this(connectTimeout, readTimeout, maxBytes, sslContext, (builder) -> {
		});
	}

	/**
	 * Creates a fetcher whose client the application may adjust.
	 * @param connectTimeout TCP/TLS connect timeout
	 * @param readTimeout time allowed for the answer once connected
	 * @param maxBytes largest body accepted
	 * @param sslContext TLS context, or {@code null} for the JVM default
	 * @param customizer adjusts the client after Warden's settings (a proxy, an authenticator)
	 */
	public HttpFetcher(Duration connectTimeout, Duration readTimeout, long maxBytes, SSLContext sslContext,
			java.util.function.Consumer<HttpClient.Builder> customizer) {
		this(connectTimeout, readTimeout, maxBytes, sslContext, customizer, WardenExecutors.shared().deadlines());
	}

	/**
	 * Creates a fetcher.
	 * @param connectTimeout TCP/TLS connect timeout
	 * @param readTimeout time allowed for the answer once connected
	 * @param maxBytes largest body accepted
	 * @param sslContext TLS context, or {@code null} for the JVM default
	 * @param customizer adjusts the client after Warden's settings (a proxy, an authenticator)
	 * @param deadlines the timer that cancels exchanges at their deadline
	 */
	public HttpFetcher(Duration connectTimeout, Duration readTimeout, long maxBytes, SSLContext sslContext,
			java.util.function.Consumer<HttpClient.Builder> customizer,
			java.util.concurrent.ScheduledExecutorService deadlines) {
		this.deadlines = deadlines;
		HttpClient.Builder builder = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.proxy(ProxySelector.getDefault());
		if (sslContext != null) {
			builder.sslContext(sslContext);
		}
		customizer.accept(builder);
		this.client = builder.build();
		this.readTimeout = readTimeout;
		this.deadline = connectTimeout.plus(readTimeout);
		this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
	}

	@Override
	public Resource retrieveResource(URL url) throws IOException {
		try {
			return get(url.toURI());
		}
		catch (java.net.URISyntaxException ex) {
			throw new IOException("Invalid URL " + url, ex);
		}
	}

	/**
	 * Fetches a document with {@code GET}.
	 * @param uri the document's address
	 * @return the body and its content type
	 * @throws IOException on a connection failure, a timeout, a status other than 200, or a body
	 * over the size limit
	 */
	public Resource get(URI uri) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.readTimeout)
			.header("Accept", "application/json, application/jwk-set+json")
			.GET()
			.build();
		HttpResponse<byte[]> response = send(request);
		if (response.statusCode() != 200) {
			throw new IOException("HTTP " + response.statusCode() + " from " + uri);
		}
		String contentType = response.headers().firstValue("Content-Type").orElse(null);
		return new Resource(new String(response.body(), StandardCharsets.UTF_8), contentType);
	}

	/**
	 * Sends a request without waiting: the answer completes within the deadline (connect + read
	 * timeout), or fails with an {@link IOException}.
	 * @param request the request
	 * @return the response, bounded in time and size
	 */
	public CompletableFuture<HttpResponse<byte[]>> sendAsync(HttpRequest request) {
		CompletableFuture<HttpResponse<byte[]>> exchange = this.client.sendAsync(request,
				(info) -> new LimitedBodySubscriber(info, this.maxBytes));
		// cancelling the client's own future aborts the exchange and frees its connection; the
		// timer is cancelled (and dropped from the queue) as soon as the exchange ends
		java.util.concurrent.ScheduledFuture<?> deadline = this.deadlines.schedule(() -> exchange.cancel(true),
				this.deadline.toMillis(), TimeUnit.MILLISECONDS);
		exchange.whenComplete((response, failure) -> deadline.cancel(false));
		return exchange.exceptionallyCompose((failure) -> CompletableFuture.failedFuture(describe(request, failure)));
	}

	private IOException describe(HttpRequest request, Throwable failure) {
		Throwable cause = (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null)
				? failure.getCause() : failure;
		if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException
				|| cause instanceof java.util.concurrent.CancellationException) {
			return new FetchTimeoutException(
					"No answer from " + request.uri() + " within " + this.deadline.toMillis() + "ms", cause);
		}
		String reason = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return new IOException("Calling " + request.uri() + " failed: " + reason, cause);
	}

	/**
	 * The longest a call may take: connect + read timeout.
	 * @return the deadline
	 */
	public Duration deadline() {
		return this.deadline;
	}

	/**
	 * Sends a request and reads its answer within the deadline and the size limit, whatever the
	 * status.
	 * @param request the request
	 * @return the response
	 * @throws IOException on a connection failure, a timeout or a body over the size limit
	 */
	public HttpResponse<byte[]> send(HttpRequest request) throws IOException {
		CompletableFuture<HttpResponse<byte[]>> future = this.client.sendAsync(request,
				(info) -> new LimitedBodySubscriber(info, this.maxBytes));
		try {
			return future.get(this.deadline.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new FetchTimeoutException(
					"No answer from " + request.uri() + " within " + this.deadline.toMillis() + "ms", ex);
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while fetching " + request.uri(), ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof java.net.http.HttpTimeoutException) {
				throw new FetchTimeoutException(
						"No answer from " + request.uri() + " within " + this.readTimeout.toMillis() + "ms", cause);
			}
			String reason = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
			throw new IOException("Fetching " + request.uri() + " failed: " + reason, cause);
		}
	}

	/** Collects a body, failing as soon as it exceeds the limit (or declares that it will). */
	private static final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

		private final CompletableFuture<byte[]> result = new CompletableFuture<>();

		private final int maxBytes;

		private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();

		private Flow.Subscription subscription;

		LimitedBodySubscriber(HttpResponse.ResponseInfo info, int maxBytes) {
			this.maxBytes = maxBytes;
			long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
			if (declared > maxBytes) {
				this.result.completeExceptionally(tooLarge());
			}
		}

		private IOException tooLarge() {
			return new IOException("Response larger than the limit of " + this.maxBytes + " bytes");
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.result;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.result.isDone()) {
				subscription.cancel();
			}
			else {
				subscription.request(Long.MAX_VALUE);
			}
		}

		@Override
		public void onNext(List<ByteBuffer> items) {
			if (this.result.isDone()) {
				return;
			}
			for (ByteBuffer item : items) {
				if (this.buffer.size() + item.remaining() > this.maxBytes) {
					this.subscription.cancel();
					this.result.completeExceptionally(tooLarge());
					return;
				}
				byte[] bytes = new byte[item.remaining()];
				item.get(bytes);
				this.buffer.write(bytes, 0, bytes.length);
			}
		}

		@Override
		public void onError(Throwable throwable) {
			this.result.completeExceptionally(throwable);
		}

		@Override
		public void onComplete() {
			this.result.complete(this.buffer.toByteArray());
		}

	}

}
