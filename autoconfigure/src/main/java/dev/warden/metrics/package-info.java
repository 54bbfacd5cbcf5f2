/**
 * Micrometer meters: token validations, authorization decisions, JWKS fetches, introspection
 * calls and cache, and clock drift. Listens only; behaviour never depends on it.
 */
package dev.warden.metrics;
