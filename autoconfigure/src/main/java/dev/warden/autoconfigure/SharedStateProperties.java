package dev.warden.autoconfigure;

import java.time.Duration;

/**
 * State shared by the instances of a service: revocations, introspection answers and used DPoP
 * proofs.
 */
public class SharedStateProperties {

	/**
	 * Where the state is kept: 'memory' (each instance on its own) or 'redis' (Spring Boot's Redis
	 * connection, spring.data.redis.*).
	 */
	private Store store = Store.MEMORY;

	/**
	 * Longest wait for the shared store on one operation; after a failure the instance works on its
	 * local state and tries the store again every second.
	 */
	private Duration timeout = Duration.ofMillis(250);

	/**
	 * Prefix of every key and channel Warden uses in the shared store.
	 */
	private String keyPrefix = "warden:";

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	/** Where shared state is kept. */
	public enum Store {

		/** Each instance on its own. */
		MEMORY,

		/** Redis, through Spring Boot's connection. */
		REDIS

	}

}
