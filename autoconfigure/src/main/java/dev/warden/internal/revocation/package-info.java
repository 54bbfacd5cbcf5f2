/**
 * How Warden implements fleet-wide revocation: the local revocation list, Security Event Tokens
 * pushed by a transmitter (RFC 8417, RFC 8935, SSF 1.0, CAEP, RISC) and the decoders that refuse
 * revoked tokens. Internal: not part of Warden's API, may change in any release.
 */
package dev.warden.internal.revocation;
