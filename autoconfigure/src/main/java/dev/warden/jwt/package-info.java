/**
 * The token pipeline's API: why a token is refused ({@link dev.warden.jwt.TokenRejection},
 * {@link dev.warden.jwt.InvalidTokenException}), the listeners metrics hang on, the request a
 * sender-constrained token is checked against ({@link dev.warden.jwt.TokenRequest}), and the DPoP
 * replay cache an application may back with a shared store. The pipeline itself is internal.
 */
package dev.warden.jwt;
