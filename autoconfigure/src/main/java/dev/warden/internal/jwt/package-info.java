/**
 * How Warden implements its jwt concern. Internal: not part of Warden's API, may change in any
 * release; applications use the types of {@code dev.warden.jwt} and the
 * auto-configuration instead.
 */
package dev.warden.internal.jwt;
