package dev.warden.security.memory;

/** Shares the heap measurement of {@link IntrospectionCacheMemoryTest} with other packages' memory tests. */
public final class Heap {

	private Heap() {
	}

	public static long usedHeapAfterGc() throws InterruptedException {
		return IntrospectionCacheMemoryTest.usedHeapAfterGc();
	}

}
