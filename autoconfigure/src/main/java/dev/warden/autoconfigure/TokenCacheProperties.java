package dev.warden.autoconfigure;

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

}
