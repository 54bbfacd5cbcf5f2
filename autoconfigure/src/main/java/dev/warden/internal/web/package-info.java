/**
 * How Warden implements its web concern. Internal: not part of Warden's API, may change in any
 * release; applications use the types of {@code dev.warden.web} and the
 * auto-configuration instead.
 */
package dev.warden.internal.web;
