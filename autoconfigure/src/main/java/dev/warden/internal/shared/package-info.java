/**
 * How Warden shares state across the instances of a service on Redis: revocations (stored and
 * published), introspection answers and used DPoP proofs, with each instance falling back to its
 * local state while the store is away. Internal: not part of Warden's API, may change in any
 * release.
 */
package dev.warden.internal.shared;
