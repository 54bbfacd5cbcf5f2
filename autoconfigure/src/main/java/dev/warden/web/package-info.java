/**
 * The HTTP face: reading the bearer token from the request, and writing RFC 6750 answers with
 * problem details.
 */
package dev.warden.web;
