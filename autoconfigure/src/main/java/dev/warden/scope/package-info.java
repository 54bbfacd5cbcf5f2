/**
 * Scopes: reading the token's scope claim, and (per endpoint) the scopes a request needs.
 */
package dev.warden.scope;
