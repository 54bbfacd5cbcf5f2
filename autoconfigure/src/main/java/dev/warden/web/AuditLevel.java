package dev.warden.web;

/** The log level of the {@code warden.audit} lines. */
public enum AuditLevel {

	/** Debug. */
	DEBUG,

	/** Info. */
	INFO,

	/** Warn. */
	WARN

}
