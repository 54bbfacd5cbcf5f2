/**
 * Live token checks against the authorization server (RFC 7662): the outage policy, how this
 * service authenticates there, and the listener metrics hang on. The client and its cache are
 * internal.
 */
package dev.warden.introspection;
