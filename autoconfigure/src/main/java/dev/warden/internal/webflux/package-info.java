/**
 * Warden's WebFlux face, the reactive twin of {@code internal.web}: binding each exchange to the
 * token pipeline (through the Reactor context), reading the token, finding the handler and its
 * requirement, serving the RFC 9728 document and the RFC 8935 push endpoint, and writing the same
 * RFC 6750 / RFC 9449 answers and audit lines as the servlet stack. Internal: not part of Warden's
 * API.
 */
package dev.warden.internal.webflux;
