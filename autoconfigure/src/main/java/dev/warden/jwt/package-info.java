/**
 * The token pipeline: JWKS retrieval and caching, JWS verification and claim validation. Pure:
 * no servlet or MVC types, testable with a token and a JWKS alone.
 */
package dev.warden.jwt;
