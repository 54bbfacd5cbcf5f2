/**
 * How Warden implements its meters. Internal: not part of Warden's API, may change in any
 * release; applications use the types of {@code dev.warden.autoconfigure} and the
 * auto-configuration instead.
 */
package dev.warden.internal.metrics;
