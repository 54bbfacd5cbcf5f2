/**
 * Auto-configuration: one class per concern, the {@code warden.*} properties, and the startup
 * failure analysis that names the property to fix.
 */
package dev.warden.autoconfigure;
