/**
 * What an endpoint needs, declared with annotations: scopes ({@link dev.warden.scope.RequireScope},
 * {@link dev.warden.scope.RequireAnyScope}), any valid token, no token, a live check, a DPoP-bound
 * token, a step-up sign-in; the default policy for undeclared endpoints; and the hooks of the
 * decision.
 */
package dev.warden.scope;
