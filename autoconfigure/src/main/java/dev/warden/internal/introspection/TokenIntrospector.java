package dev.warden.internal.introspection;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.warden.internal.CacheExpiry;
import dev.warden.internal.Digests;
import dev.warden.internal.WardenExecutors;
import dev.warden.introspection.IntrospectionListener;

/**
 * Introspection with a cache in front: answers are kept under the SHA-256 of the token (never the
 * token) for min(cache TTL, time left to the token's expiry) — inactive answers for the cache TTL
 * — in a bounded Caffeine cache. Concurrent requests carrying the same uncached token share one
 * call (single flight), and the number of calls in flight is bounded: when the endpoint hangs,
 * excess requests fail fast instead of piling up on request threads.
 */
public final class TokenIntrospector {

	private static final Duration WAIT_MARGIN = Duration.ofMillis(250);

	private final IntrospectionClient client;

	private final java.util.concurrent.Executor callers;

	/** The outcome of one call: an answer or a failure (failures are shared by waiters, never cached). */
	private record Answer(IntrospectionResult result, IntrospectionFailedException failure) {
	}

	/** Completed answers, under the token's hash; an answer is cached before its waiters wake. */
	private final Cache<String, IntrospectionResult> cache;

	/** Calls in flight, one per token hash (single flight); bounded by the permits. */
	private final Map<String, CompletableFuture<Answer>> inFlight = new ConcurrentHashMap<>();

	private final Semaphore permits;

	private final Duration wait;

	private final IntrospectionListener listener;

	private final long ttlNanos;

	private final java.time.Clock clock;

	private volatile SharedAnswers shared;

	/**
	 * Creates an introspector.
	 * @param client the RFC 7662 client
	 * @param settings cache size and TTL, concurrency bound
	 * @param listener told about calls and cache lookups (metrics)
	 */
	public TokenIntrospector(IntrospectionClient client, IntrospectionSettings settings,
			IntrospectionListener listener) {
		this(client, settings, listener, Ticker.systemTicker());
	}

	/**
	 * Creates an introspector whose calls start on the given threads.
	 * @param client the RFC 7662 client
	 * @param settings cache size and TTL, concurrency bound
	 * @param listener told about calls and cache lookups (metrics)
	 * @param callers the threads calls start on (a request thread only waits, at most the deadline)
	 */
	public TokenIntrospector(IntrospectionClient client, IntrospectionSettings settings, IntrospectionListener listener,
			java.util.concurrent.Executor callers) {
		this(client, settings, listener, Ticker.systemTicker(), callers);
	}

	TokenIntrospector(IntrospectionClient client, IntrospectionSettings settings, IntrospectionListener listener,
			Ticker ticker) {
		this(client, settings, listener, ticker, WardenExecutors.shared().calls());
	}

	TokenIntrospector(IntrospectionClient client, IntrospectionSettings settings, IntrospectionListener listener,
			Ticker ticker, java.util.concurrent.Executor callers) {
		this.callers = callers;
		this.client = client;
		this.listener = listener;
		this.permits = new Semaphore(settings.maxConcurrentCalls());
		this.wait = client.deadline().plus(WAIT_MARGIN);
		long ttlNanos = settings.cacheTtl().toNanos();
		this.ttlNanos = ttlNanos;
		this.clock = settings.clock();
		this.cache = Caffeine.newBuilder()
			.maximumSize(settings.maxEntries())
			.ticker(ticker)
			.expireAfter(CacheExpiry.<String, IntrospectionResult>perEntry((value) -> (!value.active()
					|| value.expiresAt() == null) ? ttlNanos
							: Math.min(ttlNanos, CacheExpiry.nanosUntil(settings.clock().instant(), value.expiresAt()))))
			.build();
	}

	/**
	 * The verdict on a token, from the cache or one call shared by all concurrent askers.
	 * @param token the token
	 * @param tokenExpiresAt the token's own expiry if known (caps the cache lifetime when the
	 * answer has no {@code exp}), or {@code null}
	 * @return the verdict
	 * @throws IntrospectionFailedException when no usable answer arrives in time
	 */
	public IntrospectionResult introspect(String token, Instant tokenExpiresAt) throws IntrospectionFailedException {
		return introspect(token, hash(token), tokenExpiresAt);
	}

	/**
	 * The verdict on a token whose cache key is known already.
	 * @param token the token
	 * @param key its cache key, {@link #hash(String)} of the token
	 * @param tokenExpiresAt the token's own expiry if known, or {@code null}
	 * @return the verdict
	 * @throws IntrospectionFailedException when no usable answer arrives in time
	 */
	IntrospectionResult introspect(String token, String key, Instant tokenExpiresAt)
			throws IntrospectionFailedException {
		IntrospectionResult cached = cached(key);
		if (cached != null) {
			return cached;
		}
		CompletableFuture<Answer> pending = join(token, tokenExpiresAt, key);
		Answer answer;
		try {
			answer = pending.get(this.wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new IntrospectionFailedException(IntrospectionFailedException.Kind.TIMEOUT,
					"No introspection answer within " + this.wait.toMillis() + "ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IntrospectionFailedException(IntrospectionFailedException.Kind.ERROR, "Interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IntrospectionFailedException(IntrospectionFailedException.Kind.ERROR,
					"Introspection failed: " + ex.getCause(), ex.getCause());
		}
		if (answer.failure() != null) {
			throw answer.failure();
		}
		return answer.result();
	}

	/**
	 * The verdict on a token without waiting for it: from the cache at once, or when the call shared
	 * by all concurrent askers completes (on the thread that completes it). For callers that must
	 * not block, such as WebFlux's event loops.
	 * @param token the token
	 * @param tokenExpiresAt the token's own expiry if known, or {@code null}
	 * @return the verdict, completed exceptionally with an {@link IntrospectionFailedException}
	 * when no usable answer arrives in time
	 */
	public CompletableFuture<IntrospectionResult> introspectAsync(String token, Instant tokenExpiresAt) {
		return introspectAsync(token, hash(token), tokenExpiresAt);
	}

	/**
	 * The verdict on a token whose cache key is known already, without waiting for it.
	 * @param token the token
	 * @param key its cache key, {@link #hash(String)} of the token
	 * @param tokenExpiresAt the token's own expiry if known, or {@code null}
	 * @return the verdict
	 */
	CompletableFuture<IntrospectionResult> introspectAsync(String token, String key, Instant tokenExpiresAt) {
		IntrospectionResult cached = cached(key);
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		CompletableFuture<IntrospectionResult> verdict = new CompletableFuture<>();
		// the deadline applies to this asker's copy only: the shared call goes on for the others
		join(token, tokenExpiresAt, key).copy()
			.orTimeout(this.wait.toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((answer, failure) -> {
				if (failure instanceof TimeoutException) {
					verdict.completeExceptionally(new IntrospectionFailedException(IntrospectionFailedException.Kind.TIMEOUT,
							"No introspection answer within " + this.wait.toMillis() + "ms", failure));
				}
				else if (failure != null) {
					verdict.completeExceptionally(new IntrospectionFailedException(
							IntrospectionFailedException.Kind.ERROR, "Introspection failed: " + failure, failure));
				}
				else if (answer.failure() != null) {
					verdict.completeExceptionally(answer.failure());
				}
				else {
					verdict.complete(answer.result());
				}
			});
		return verdict;
	}

	private IntrospectionResult cached(String key) {
		IntrospectionResult cached = this.cache.getIfPresent(key);
		if (cached != null) {
			this.listener.cacheHit();
			return cached;
		}
		this.listener.cacheMiss();
		return null;
	}

	/** The call in flight for a token: this asker's own, started now, or the one it joins. */
	private CompletableFuture<Answer> join(String token, Instant tokenExpiresAt, String key) {
		// claim the key, then start the call outside any lock; later askers join the same call
		CompletableFuture<Answer> claimed = new CompletableFuture<>();
		CompletableFuture<Answer> pending = this.inFlight.putIfAbsent(key, claimed);
		if (pending == null) {
			pending = claimed;
			start(token, tokenExpiresAt, key, claimed);
		}
		return pending;
	}

	/**
	 * Starts a call on the caller's behalf, on a call thread: the request thread only ever waits on
	 * the answer, for at most the deadline, whatever the HTTP client does while sending.
	 */
	private void start(String token, Instant tokenExpiresAt, String key, CompletableFuture<Answer> claimed) {
		if (!this.permits.tryAcquire()) {
			this.listener.call(IntrospectionListener.Outcome.ERROR, 0);
			finish(key, claimed, new Answer(null, new IntrospectionFailedException(
					IntrospectionFailedException.Kind.ERROR, "Too many introspection calls in flight", null)));
			return;
		}
		try {
			this.callers.execute(() -> {
				SharedAnswers store = this.shared;
				if (store != null && fromStore(store, key, claimed)) {
					return;
				}
				call(token, tokenExpiresAt).whenComplete((answer, failure) -> {
					Answer outcome = (failure == null) ? answer : new Answer(null, new IntrospectionFailedException(
							IntrospectionFailedException.Kind.ERROR, "Introspection failed: " + failure, failure));
					finish(key, claimed, outcome);
					if (store != null) {
						share(store, key, outcome);
					}
				});
			});
		}
		catch (RuntimeException ex) {
			this.permits.release();
			finish(key, claimed, new Answer(null,
					new IntrospectionFailedException(IntrospectionFailedException.Kind.ERROR, ex.toString(), ex)));
		}
	}

	/**
	 * The client this introspector calls as.
	 * @return the client id
	 */
	public String clientId() {
		return this.client.clientId();
	}

	/**
	 * Shares answers with the other instances of the service through a shared store.
	 * @param store the store
	 */
	public void share(SharedAnswers store) {
		this.shared = store;
	}

	/**
	 * Answers from the shared store when it has the answer, or when another instance calls and
	 * shares its answer in time; otherwise leaves the call to this instance.
	 * @return whether the single flight was finished from the store (the permit is then released)
	 */
	private boolean fromStore(SharedAnswers store, String key, CompletableFuture<Answer> claimed) {
		IntrospectionResult answer = store.get(key);
		long giveUp = System.nanoTime() + this.wait.toNanos() / 2;
		while (answer == null && !store.claim(key, this.wait)) {
			// another instance is calling: wait for its answer, at most half this instance's wait
			if (System.nanoTime() > giveUp) {
				break;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			answer = store.get(key);
		}
		if (answer == null) {
			return false;
		}
		this.permits.release();
		this.listener.cacheHit();
		finish(key, claimed, new Answer(answer, null));
		return true;
	}

	private void share(SharedAnswers store, String key, Answer answer) {
		try {
			if (answer.failure() == null) {
				IntrospectionResult result = answer.result();
				long nanos = (!result.active() || result.expiresAt() == null) ? this.ttlNanos
						: Math.min(this.ttlNanos, CacheExpiry.nanosUntil(this.clock.instant(), result.expiresAt()));
				if (nanos > 0) {
					store.put(key, result, Duration.ofNanos(nanos));
				}
			}
		}
		finally {
			store.release(key);
		}
	}

	/** Caches an answer (never a failure), ends the single flight, then wakes the waiters. */
	private void finish(String key, CompletableFuture<Answer> claimed, Answer answer) {
		if (answer.failure() == null) {
			this.cache.put(key, answer.result());
		}
		this.inFlight.remove(key, claimed);
		claimed.complete(answer);
	}

	/** Makes one call; the caller holds a permit, released when the call completes. */
	private CompletableFuture<Answer> call(String token, Instant tokenExpiresAt) {
		long start = System.nanoTime();
		CompletableFuture<IntrospectionResult> call;
		try {
			call = this.client.introspect(token);
		}
		catch (RuntimeException ex) {
			this.permits.release();
			return CompletableFuture.completedFuture(new Answer(null,
					new IntrospectionFailedException(IntrospectionFailedException.Kind.ERROR, ex.toString(), ex)));
		}
		return call.handle((result, failure) -> {
			this.permits.release();
			long elapsed = System.nanoTime() - start;
			if (failure != null) {
				Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure;
				IntrospectionFailedException failed = (cause instanceof IntrospectionFailedException f) ? f
						: new IntrospectionFailedException(IntrospectionFailedException.Kind.ERROR, cause.toString(),
								cause);
				IntrospectionListener.Outcome outcome = switch (failed.kind()) {
					case TIMEOUT -> IntrospectionListener.Outcome.TIMEOUT;
					case CLIENT_REJECTED -> IntrospectionListener.Outcome.CLIENT_REJECTED;
					default -> IntrospectionListener.Outcome.ERROR;
				};
				this.listener.call(outcome, elapsed);
				this.lastCall = new LastCall(outcome.name().toLowerCase(java.util.Locale.ROOT), elapsed, Instant.now());
				return new Answer(null, failed);
			}
			IntrospectionListener.Outcome outcome = result.active() ? IntrospectionListener.Outcome.ACTIVE
					: IntrospectionListener.Outcome.INACTIVE;
			this.listener.call(outcome, elapsed);
			this.lastCall = new LastCall(outcome.name().toLowerCase(java.util.Locale.ROOT), elapsed, Instant.now());
			if (result.active() && result.expiresAt() == null && tokenExpiresAt != null) {
				return new Answer(new IntrospectionResult(true, result.claims(), tokenExpiresAt, null), null);
			}
			return new Answer(result, null);
		});
	}

	private volatile LastCall lastCall;

	/**
	 * The most recent call to the introspection endpoint (cache hits are not calls), for health.
	 * @return the call, or {@code null} before the first
	 */
	public LastCall lastCall() {
		return this.lastCall;
	}

	/**
	 * A call to the introspection endpoint.
	 *
	 * @param outcome active, inactive, error or timeout
	 * @param nanos how long it took
	 * @param at when it completed
	 */
	public record LastCall(String outcome, long nanos, Instant at) {
	}

	/**
	 * How many answers are cached now (approximately).
	 * @return the cache size
	 */
	public long cacheSize() {
		return this.cache.estimatedSize();
	}

	public void cleanUp() {
		this.cache.cleanUp();
	}

	/**
	 * The cache key of a token: the hex SHA-256 of its text.
	 * @param token the token
	 * @return the key
	 */
	public static String hash(String token) {
		return Digests.hexSha256(token);
	}


}
