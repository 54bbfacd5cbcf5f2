package dev.warden.internal.introspection;

import java.time.Duration;

/**
 * Introspection answers shared by the instances of a service (a shared store): an instance that
 * misses its own cache looks here before it calls the authorization server, and the instances that
 * ask about one token at once make one call. Keys are the SHA-256 of the token, never the token.
 * Every method is called on a call thread, never on a request thread, and fails quietly: when the
 * store cannot answer, the instance calls the authorization server itself.
 */
public interface SharedAnswers {

	/**
	 * A shared answer.
	 * @param key the token's hash
	 * @return the answer, or {@code null} when there is none (or the store cannot answer)
	 */
	IntrospectionResult get(String key);

	/**
	 * Claims the call for a token, so that other instances wait for its answer instead of calling.
	 * @param key the token's hash
	 * @param hold how long the claim holds at most
	 * @return {@code true} when this instance should call (it holds the claim, or the store cannot
	 * answer), {@code false} when another instance is calling
	 */
	boolean claim(String key, Duration hold);

	/**
	 * Shares an answer.
	 * @param key the token's hash
	 * @param answer the answer
	 * @param lifetime how long it may be used
	 */
	void put(String key, IntrospectionResult answer, Duration lifetime);

	/**
	 * Gives up a claim (after the answer was shared, or the call failed).
	 * @param key the token's hash
	 */
	void release(String key);

}
