/**
 * Warden's test kit: a local issuer that mints real tokens, wiring of a Spring test context to it
 * ({@link dev.warden.test.WithWardenIssuer}), and {@link dev.warden.test.WithJwt} for slice tests.
 */
package dev.warden.test;
