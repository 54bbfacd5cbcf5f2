package dev.warden.security.support;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.warden.introspection.IntrospectionListener;

/**
 * Records, as Warden's own listener reports them, every introspection call the application under
 * test makes (when it started, after Warden took its permit, and when it ended; a request refused
 * for want of a permit makes no call) and every live check that could not be made (how long the
 * request waited for it).
 */
public final class IntrospectionCalls implements IntrospectionListener {

	/**
	 * One call.
	 * @param started {@link System#nanoTime()} at its start, or a little later (never earlier)
	 * @param ended {@link System#nanoTime()} once it ended
	 * @param outcome its outcome
	 */
	public record Call(long started, long ended, Outcome outcome) {
	}

	/**
	 * A live check that could not be made and was answered 503.
	 * @param ended {@link System#nanoTime()} once it was refused
	 * @param nanos how long the request waited for it
	 */
	public record Unavailable(long ended, long nanos) {
	}

	private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Unavailable> unavailable = new ConcurrentLinkedQueue<>();

	@Override
	public void call(Outcome outcome, long nanos) {
		if (nanos > 0) {
			long now = System.nanoTime();
			this.calls.add(new Call(now - nanos, now, outcome));
		}
	}

	@Override
	public void unavailable(long nanos) {
		this.unavailable.add(new Unavailable(System.nanoTime(), nanos));
	}

	/** The live checks refused as unavailable so far, in the order they were refused. */
	public List<Unavailable> unavailable() {
		return List.copyOf(this.unavailable);
	}

	/** The calls recorded so far, in the order they ended. */
	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

}
