/**
 * Applying Warden to a Spring Security filter chain of the application's own
 * ({@link dev.warden.web.WardenHttpSecurity}), and the level of the audit trail.
 */
package dev.warden.web;
