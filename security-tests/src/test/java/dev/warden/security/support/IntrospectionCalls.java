package dev.warden.security.support;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.warden.introspection.IntrospectionListener;

/**
 * Records every introspection call the application under test makes, as Warden's own listener
 * sees it: when it started (Warden's clock, after it took its permit) and when it ended. Calls
 * refused for want of a permit are not calls and are not recorded.
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

	private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

	@Override
	public void call(Outcome outcome, long nanos) {
		if (nanos > 0) {
			long now = System.nanoTime();
			this.calls.add(new Call(now - nanos, now, outcome));
		}
	}

	/** The calls recorded so far, in the order they ended. */
	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

}
