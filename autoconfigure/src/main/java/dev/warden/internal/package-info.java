/**
 * Small pieces shared by Warden's packages. Internal: not part of Warden's API, may change in any
 * release.
 */
package dev.warden.internal;
