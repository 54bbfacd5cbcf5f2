package dev.warden.autoconfigure;

import dev.warden.jwt.TokenCacheAdmission;

/**
 * Cache of tokens that passed full validation: a repeated token skips parsing and the
 * signature check; its time claims are re-checked on every hit.
 */
public class TokenCacheProperties {

	/**
	 * Whether validated tokens are cached (under the SHA-256 of the token, for at most its
	 * remaining lifetime).
	 */
	private boolean enabled = true;

	/**
	 * Most tokens cached at once.
	 */
	private long maxEntries = 10_000;

	/**
	 * When a validated token enters the cache: 'second-use' (a token used once never evicts one in
	 * use, and costs no insertion) or 'first-use'.
	 */
	private TokenCacheAdmission admission = TokenCacheAdmission.SECOND_USE;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public long getMaxEntries() {
		return this.maxEntries;
	}

	public void setMaxEntries(long maxEntries) {
		this.maxEntries = maxEntries;
	}

	public TokenCacheAdmission getAdmission() {
		return this.admission;
	}

	public void setAdmission(TokenCacheAdmission admission) {
		this.admission = admission;
	}

}
