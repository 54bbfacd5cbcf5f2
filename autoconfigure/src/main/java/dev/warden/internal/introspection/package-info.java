/**
 * How Warden implements its introspection concern. Internal: not part of Warden's API, may change in any
 * release; applications use the types of {@code dev.warden.introspection} and the
 * auto-configuration instead.
 */
package dev.warden.internal.introspection;
