package dev.warden.autoconfigure;

import dev.warden.web.AuditLevel;

/**
 * Audit trail: one line per denial on the 'warden.audit' logger, never the token.
 */
public class AuditProperties {

	/**
	 * Whether denials (400, 401, 403, 503) are logged on the 'warden.audit' logger.
	 */
	private boolean enabled = true;

	/**
	 * Level audit lines are written at: debug, info or warn.
	 */
	private AuditLevel level = AuditLevel.INFO;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public AuditLevel getLevel() {
		return this.level;
	}

	public void setLevel(AuditLevel level) {
		this.level = level;
	}

}
