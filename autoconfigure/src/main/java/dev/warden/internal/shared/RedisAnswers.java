package dev.warden.internal.shared;

import java.time.Duration;

import dev.warden.internal.introspection.IntrospectionResult;
import dev.warden.internal.introspection.SharedAnswers;

/**
 * One introspection client's answers on Redis, under {@code <prefix>introspection:<namespace>:<token
 * hash>}; the claim of a call under {@code <prefix>introspection-call:<namespace>:<token hash>}. The
 * namespace (issuer and client) keeps apart services whose authorization server answers them
 * differently.
 */
public final class RedisAnswers implements SharedAnswers {

	private final RedisSharedState store;

	private final String namespace;

	/**
	 * Creates the answers of one introspection client.
	 * @param store the shared store
	 * @param namespace the issuer's name and the client id
	 */
	public RedisAnswers(RedisSharedState store, String namespace) {
		this.store = store;
		this.namespace = namespace;
	}

	@Override
	public IntrospectionResult get(String key) {
		String json = this.store.run("introspection",
				() -> this.store.redis().opsForValue().get(this.store.key("introspection:" + this.namespace + ":" + key)),
				null);
		if (json == null) {
			return null;
		}
		try {
			return SharedCodec.readAnswer(json);
		}
		catch (Exception ex) {
			return null;
		}
	}

	@Override
	public boolean claim(String key, Duration hold) {
		return this.store.run("introspection", () -> this.store.redis()
			.opsForValue()
			.setIfAbsent(this.store.key("introspection-call:" + this.namespace + ":" + key), "1", hold), Boolean.TRUE);
	}

	@Override
	public void put(String key, IntrospectionResult answer, Duration lifetime) {
		this.store.run("introspection", () -> {
			this.store.redis()
				.opsForValue()
				.set(this.store.key("introspection:" + this.namespace + ":" + key), SharedCodec.write(answer), lifetime);
			return Boolean.TRUE;
		}, Boolean.FALSE);
	}

	@Override
	public void release(String key) {
		this.store.run("introspection",
				() -> this.store.redis().delete(this.store.key("introspection-call:" + this.namespace + ":" + key)),
				Boolean.FALSE);
	}

}
