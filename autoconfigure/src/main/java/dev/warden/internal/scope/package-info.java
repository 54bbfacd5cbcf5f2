/**
 * How Warden implements its scope concern. Internal: not part of Warden's API, may change in any
 * release; applications use the types of {@code dev.warden.scope} and the
 * auto-configuration instead.
 */
package dev.warden.internal.scope;
