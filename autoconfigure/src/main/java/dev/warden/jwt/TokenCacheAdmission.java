package dev.warden.jwt;

/**
 * When a validated token enters the verified-token cache ({@code warden.token-cache.admission}).
 */
public enum TokenCacheAdmission {

	/** On its first validation. */
	FIRST_USE,

	/**
	 * On its second validation: a token used once (a one-shot client, a flood of fresh tokens) never
	 * evicts a token in use, and costs no cache insertion.
	 */
	SECOND_USE

}
