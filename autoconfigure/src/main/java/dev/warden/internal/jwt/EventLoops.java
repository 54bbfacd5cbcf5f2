package dev.warden.internal.jwt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.ClassUtils;

/**
 * Brings an exchange back to the event loop it arrived on after work that ran elsewhere (a key
 * fetch, a signature or a DPoP replay check on the bounded elastic scheduler, an introspection
 * answer on Warden's call threads), so that the response is written and the exchange completed
 * where the server expects it: Reactor Netty 1.3.6 can stop reading a keep-alive connection when a
 * response completes on another thread and the client's next request arrives before the exchange
 * has terminated (reactor/reactor-netty#4347). The event loop is found when the exchange starts
 * and carried in the Reactor context under {@link #CONTEXT_KEY}; off Netty there is none and
 * nothing moves.
 */
public final class EventLoops {

	/** The Reactor context key of the exchange's event loop, a {@link Scheduler}. */
	public static final String CONTEXT_KEY = EventLoops.class.getName() + ".SCHEDULER";

	private static final boolean NETTY = ClassUtils.isPresent("io.netty.util.internal.ThreadExecutorMap",
			EventLoops.class.getClassLoader());

	/** One scheduler per event loop (a server has a few). */
	private static final Map<Executor, Scheduler> schedulers = new ConcurrentHashMap<>();

	private EventLoops() {
	}

	/**
	 * The event loop the calling thread runs, as a scheduler.
	 * @return the scheduler, or {@code null} off a Netty event loop
	 */
	public static Scheduler current() {
		Executor executor = NETTY ? NettyExecutor.current() : null;
		return (executor != null) ? schedulers.computeIfAbsent(executor, Schedulers::fromExecutor) : null;
	}

	/**
	 * Delivers a publisher's signals on the exchange's event loop, when the Reactor context names
	 * one.
	 * @param <T> the value type
	 * @param mono the publisher
	 * @return the same values, on the event loop
	 */
	public static <T> Mono<T> resume(Mono<T> mono) {
		return Mono.deferContextual((context) -> {
			Scheduler loop = context.getOrDefault(CONTEXT_KEY, null);
			return (loop != null) ? mono.publishOn(loop) : mono;
		});
	}

	/** Kept apart so that Netty's classes load only when present. */
	private static final class NettyExecutor {

		static Executor current() {
			return io.netty.util.internal.ThreadExecutorMap.currentExecutor();
		}

	}

}
