package dev.warden.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Warden works on besides the request threads: one that enforces the deadlines of
 * calls to the authorization server, and a pool that starts those calls (introspection, the JWKS
 * warm-up) so a request thread only waits, at most until the deadline. The auto-configuration
 * makes one instance a bean, closed with the application context; {@link #shared()} serves code
 * that builds Warden's parts by hand (tests, benchmarks). Internal: not part of Warden's API.
 */
public final class WardenExecutors implements AutoCloseable {

	private static final class Holder {

		private static final WardenExecutors SHARED = new WardenExecutors();

	}

	private final ScheduledThreadPoolExecutor deadlines;

	private final ExecutorService calls;

	/** Creates the threads (daemons: they never keep a JVM alive). */
	public WardenExecutors() {
		this.deadlines = new ScheduledThreadPoolExecutor(1, daemons("warden-http-deadlines"));
		this.deadlines.setRemoveOnCancelPolicy(true);
		this.calls = Executors.newCachedThreadPool(daemons("warden-call"));
	}

	/**
	 * The JVM-wide instance for parts built by hand, never closed.
	 * @return the instance
	 */
	public static WardenExecutors shared() {
		return Holder.SHARED;
	}

	/**
	 * The deadline timer: cancels calls that outlive their deadline.
	 * @return the scheduler
	 */
	public ScheduledExecutorService deadlines() {
		return this.deadlines;
	}

	/**
	 * The pool calls to the authorization server start on; idle threads exit.
	 * @return the pool
	 */
	public ExecutorService calls() {
		return this.calls;
	}

	@Override
	public void close() {
		this.deadlines.shutdownNow();
		this.calls.shutdownNow();
	}

	private static ThreadFactory daemons(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
