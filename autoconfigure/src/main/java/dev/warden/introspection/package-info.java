/**
 * Live token checks against the authorization server's introspection endpoint (RFC 7662): the
 * client, its cache (keyed by a hash of the token, single-flight), the outage policy, and the
 * adapters that plug it into the decoder (global mode), the authorization step (per endpoint) and
 * opaque-token authentication.
 */
package dev.warden.introspection;
