package dev.warden.introspection;

/** Shares the heap measurement of {@link IntrospectionCacheMemoryTest} with other packages' memory tests. */
public final class IntrospectionCacheMemoryTestAccess {

	private IntrospectionCacheMemoryTestAccess() {
	}

	public static long usedHeapAfterGc() throws InterruptedException {
		return IntrospectionCacheMemoryTest.usedHeapAfterGc();
	}

}
