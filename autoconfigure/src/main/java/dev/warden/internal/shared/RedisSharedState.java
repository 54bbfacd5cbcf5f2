package dev.warden.internal.shared;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.warden.internal.revocation.RevocationEntry;
import dev.warden.internal.revocation.Revocations;
import dev.warden.revocation.RevocationListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * State shared on Redis, through Spring Boot's connection. Revocations are stored with their
 * lifetime and published, so that every instance enforces them within a second and an instance
 * started later loads them. Redis is never on the request path of a revocation check, and every
 * other operation (introspection answers, DPoP proofs) waits at most the configured timeout. When
 * Redis fails, the instance goes on with its local state: the store is marked down, checked again
 * every second, and on its return everything recorded meanwhile is republished and the others'
 * entries are loaded.
 */
public final class RedisSharedState implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisSharedState.class);

	/** The longest the check waits for one PING or one republished change (or the timeout, if longer). */
	private static final Duration CHECK_WAIT = Duration.ofSeconds(1);

	/** The longest the check waits for a load of every stored entry (or the timeout, if longer). */
	private static final Duration LOAD_WAIT = Duration.ofSeconds(10);

	private final StringRedisTemplate redis;

	private final RedisRevocations store;

	private final RedisConnectionFactory connectionFactory;

	private final String prefix;

	private final Duration timeout;

	private final ExecutorService calls;

	/**
	 * The check every second, on a thread of its own: it waits on Redis (up to a second when Redis
	 * does not answer), which must never hold up the deadlines of calls to the authorization server.
	 */
	private final ScheduledExecutorService scheduler;

	private final Revocations revocations;

	private final RevocationListener listener;

	private final Clock clock;

	/** Changes made here while the store was down (or whose publication failed), to republish. */
	private final Set<String> pendingLifts = ConcurrentHashMap.newKeySet();

	private volatile boolean republishAll;

	/** Loads still to do after a recovery: another instance may republish a moment after this one. */
	private volatile int loadsPending;

	private volatile boolean up;

	private volatile Instant downSince;

	/** Whether the current outage has been logged, so that the recovery is logged too. */
	private volatile boolean outageLogged;

	private volatile String lastError;

	private volatile Instant lastSync;

	private volatile RedisMessageListenerContainer container;

	private volatile ScheduledFuture<?> ticks;

	/** Whether a republication or load is under way on the call pool. */
	private final AtomicBoolean working = new AtomicBoolean();

	/**
	 * Creates the store; {@link #start()} connects it.
	 * @param connectionFactory Spring Boot's Redis connection
	 * @param prefix the prefix of every key and channel
	 * @param timeout the longest wait on one operation
	 * @param calls where operations run (a request thread only waits, at most the timeout)
	 * @param revocations this instance's revocation list
	 * @param listener told about failures
	 * @param clock the clock
	 */
	public RedisSharedState(RedisConnectionFactory connectionFactory, String prefix, Duration timeout,
			ExecutorService calls, Revocations revocations,
			RevocationListener listener, Clock clock) {
		this.connectionFactory = connectionFactory;
		this.redis = new StringRedisTemplate(connectionFactory);
		this.store = new RedisRevocations(this.redis, prefix, clock);
		this.prefix = prefix;
		this.timeout = timeout;
		this.calls = calls;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "warden-shared-state");
			thread.setDaemon(true);
			return thread;
		});
		this.revocations = revocations;
		this.listener = listener;
		this.clock = clock;
		this.downSince = clock.instant();
		this.lastError = "not connected yet";
	}

	/** Subscribes, loads the entries already stored, and starts the check every second. */
	public void start() {
		this.revocations.onChange(this::changed);
		tick(true);
		this.ticks = this.scheduler.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
	}

	/**
	 * Whether the store answered its last operation.
	 * @return whether it is up
	 */
	public boolean isUp() {
		return this.up;
	}

	/**
	 * Since when the store has been down.
	 * @return the time, or {@code null} while it is up
	 */
	public Instant downSince() {
		return this.up ? null : this.downSince;
	}

	/**
	 * Why the store is down.
	 * @return the last failure, or {@code null} while it is up
	 */
	public String lastError() {
		return this.up ? null : this.lastError;
	}

	/**
	 * When this instance last loaded the stored entries.
	 * @return the time, or {@code null} before the first load
	 */
	public Instant lastSync() {
		return this.lastSync;
	}

	String key(String name) {
		return this.prefix + name;
	}

	StringRedisTemplate redis() {
		return this.redis;
	}

	/**
	 * Runs one operation, waiting at most the timeout; while the store is down, and when the
	 * operation fails, answers the fallback at once.
	 * @param operation what is attempted, for meters and logs
	 * @param call the operation
	 * @param fallback the answer without the store
	 * @param <T> the answer's type
	 * @return the answer
	 */
	<T> T run(String operation, Callable<T> call, T fallback) {
		if (!this.up) {
			return fallback;
		}
		Future<T> future;
		try {
			future = this.calls.submit(call);
		}
		catch (RuntimeException ex) {
			failed(operation, ex);
			return fallback;
		}
		try {
			T answer = future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			return (answer != null) ? answer : fallback;
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			failed(operation, new TimeoutException("no answer within " + this.timeout.toMillis() + "ms"));
			return fallback;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fallback;
		}
		catch (Exception ex) {
			failed(operation, (ex.getCause() != null) ? ex.getCause() : ex);
			return fallback;
		}
	}

	private void failed(String operation, Throwable cause) {
		this.listener.sharedStoreFailed(operation);
		if (this.up) {
			this.up = false;
			this.downSince = this.clock.instant();
			logger.warn("The shared store (Redis) failed (" + operation + ": " + cause
					+ "); this instance goes on with its local state and tries again every second");
			this.outageLogged = true;
		}
		this.lastError = operation + ": " + cause;
		this.republishAll = true;
	}

	/** A change made here: store and publish it, or keep it for republication. */
	private void changed(Revocations.Change change) {
		if (!this.up) {
			remember(change);
			return;
		}
		try {
			this.calls.execute(() -> {
				if (!publish(change)) {
					remember(change);
				}
			});
		}
		catch (RuntimeException ex) {
			remember(change);
		}
	}

	private void remember(Revocations.Change change) {
		if (change.lifted()) {
			this.pendingLifts.add(SharedCodec.write(change));
		}
		this.republishAll = true;
	}

	/** Stores and publishes one change; on the calling (call) thread. */
	private boolean publish(Revocations.Change change) {
		try {
			this.store.publish(change);
			return true;
		}
		catch (RuntimeException ex) {
			failed("publish", ex);
			return false;
		}
	}

	/**
	 * Receives the channel's changes, and learns of each (re)subscription: what was published while
	 * this instance was not subscribed (its subscription dropped and came back, Redis restarted) is
	 * only in the store, so the next turn of the check loads it.
	 */
	private final class ChannelListener implements MessageListener, SubscriptionListener {

		@Override
		public void onMessage(Message message, byte[] pattern) {
			received(message, pattern);
		}

		@Override
		public void onChannelSubscribed(byte[] channel, long count) {
			RedisSharedState.this.loadsPending = Math.max(RedisSharedState.this.loadsPending, 1);
		}

	}

	/** A change published by any instance (this one included: applying is idempotent). */
	private void received(Message message, byte[] pattern) {
		try {
			Revocations.Change change = SharedCodec.readChange(new String(message.getBody(), StandardCharsets.UTF_8));
			if (change.lifted()) {
				this.revocations.liftApplied(change.entry().issuer(), change.entry().subject(), change.entry().cutoff());
			}
			else {
				this.revocations.apply(change.entry());
			}
		}
		catch (Exception ex) {
			logger.debug("Ignored a message on the revocation channel that is not a revocation: " + ex);
		}
	}

	/** The check every second: a periodic task that throws is never run again, so nothing escapes. */
	private void check() {
		try {
			tick(false);
		}
		catch (RuntimeException ex) {
			failed("check", ex);
		}
	}

	/**
	 * Checks the store; on its return, republishes and loads.
	 * @param inline whether to republish and load on this thread (at startup)
	 */
	private void tick(boolean inline) {
		try {
			String pong = bounded(() -> this.redis.execute((connection) -> connection.ping(), true), CHECK_WAIT);
			if (pong == null) {
				throw new IllegalStateException("no PONG");
			}
		}
		catch (Exception ex) {
			if (this.up) {
				failed("ping", ex);
			}
			else {
				this.listener.sharedStoreFailed("ping");
				this.lastError = "ping: " + ex;
				if (!this.outageLogged) {
					this.outageLogged = true;
					logger.warn("The shared store (Redis) cannot be reached (" + ex + "); this instance starts "
							+ "with its local state and tries again every second");
				}
			}
			return;
		}
		boolean recovered = !this.up;
		if (recovered || this.container == null || !this.container.isListening()) {
			subscribe();
		}
		if (recovered) {
			this.up = true;
			this.downSince = null;
			this.lastError = null;
			if (this.outageLogged) {
				this.outageLogged = false;
				logger.warn("The shared store (Redis) is back: republishing this instance's revocations");
			}
			this.loadsPending = 3;
			work(inline, this::synchronize);
		}
		else if (this.republishAll) {
			work(inline, this::synchronize);
		}
		else if (this.loadsPending > 0) {
			work(inline, () -> {
				this.loadsPending--;
				try {
					load();
				}
				catch (Exception ex) {
					failed("load", ex);
				}
			});
		}
	}

	/**
	 * Republication and loads (each records its own failures): at startup on the starting thread, so
	 * that an instance starts with the stored entries; afterwards on the call pool, one at a time, so
	 * that the PING every second is never behind them and an outage is seen within a couple of seconds.
	 */
	private void work(boolean inline, Runnable work) {
		if (inline) {
			work.run();
			return;
		}
		if (!this.working.compareAndSet(false, true)) {
			return;
		}
		try {
			this.calls.execute(() -> {
				try {
					work.run();
				}
				finally {
					this.working.set(false);
				}
			});
		}
		catch (RuntimeException ex) {
			this.working.set(false);
		}
	}

	private void subscribe() {
		try {
			if (this.container == null) {
				RedisMessageListenerContainer created = new RedisMessageListenerContainer();
				created.setConnectionFactory(this.connectionFactory);
				created.setRecoveryInterval(1000);
				created.addMessageListener(new ChannelListener(), new ChannelTopic(this.store.channel()));
				created.afterPropertiesSet();
				this.container = created;
			}
			if (!this.container.isRunning()) {
				this.container.start();
			}
		}
		catch (RuntimeException ex) {
			this.listener.sharedStoreFailed("subscribe");
			this.lastError = "subscribe: " + ex;
		}
	}

	/** Republishes every entry recorded here, then loads every stored entry. */
	private void synchronize() {
		this.republishAll = false;
		try {
			for (String lift : List.copyOf(this.pendingLifts)) {
				if (republish(SharedCodec.readChange(lift))) {
					this.pendingLifts.remove(lift);
				}
			}
			for (RevocationEntry entry : this.revocations.active()) {
				if (!republish(new Revocations.Change(entry, false))) {
					return;
				}
			}
			load();
		}
		catch (Exception ex) {
			failed("load", ex);
		}
	}

	private void load() throws Exception {
		bounded(this.store::load, LOAD_WAIT).forEach(this.revocations::apply);
		this.lastSync = this.clock.instant();
	}

	/** Stores and publishes one change again, waiting at most {@link #CHECK_WAIT}. */
	private boolean republish(Revocations.Change change) {
		try {
			bounded(() -> {
				this.store.publish(change);
				return Boolean.TRUE;
			}, CHECK_WAIT);
			return true;
		}
		catch (Exception ex) {
			failed("publish", ex);
			return false;
		}
	}

	/**
	 * Runs one operation of the check on the call pool and waits for it at most the given time (or
	 * the configured timeout, if longer): a Redis that stops answering half-way through a recovery
	 * holds the check up for that long, not for the connection's command timeout, and the check
	 * marks it down on its next turn. An operation that runs late is cancelled.
	 */
	private <T> T bounded(Callable<T> call, Duration wait) throws Exception {
		long millis = Math.max(this.timeout.toMillis(), wait.toMillis());
		Future<T> future = this.calls.submit(call);
		try {
			return future.get(millis, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new TimeoutException("no answer within " + millis + "ms");
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	@Override
	public void close() throws Exception {
		ScheduledFuture<?> scheduled = this.ticks;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
		this.scheduler.shutdownNow();
		RedisMessageListenerContainer subscribed = this.container;
		if (subscribed != null) {
			subscribed.destroy();
		}
	}

}
