package dev.warden.autoconfigure;

import dev.warden.web.AuditLog;

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
	private AuditLog.Level level = AuditLog.Level.INFO;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public AuditLog.Level getLevel() {
		return this.level;
	}

	public void setLevel(AuditLog.Level level) {
		this.level = level;
	}

}
