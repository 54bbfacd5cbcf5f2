/**
 * Fleet-wide revocation: the listener that meters hang on. Applications configure the receiver of
 * pushed Security Event Tokens and the shared store with {@code warden.revocation.*} and
 * {@code warden.shared-state.*}.
 */
package dev.warden.revocation;
