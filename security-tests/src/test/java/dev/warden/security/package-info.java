/**
 * Warden's security test suite: attacks against the real pipeline, over real HTTP wherever the
 * attack is an HTTP-level one.
 * <ul>
 * <li>{@code app}: the application under attack ({@code GET /api/data} scope {@code data:read},
 * {@code POST /api/data} scope {@code data:write}, {@code GET /api/live} with a live check,
 * {@code GET /public/ping} public).</li>
 * <li>{@code adversarial}: one class per attack class (algorithms, key injection, header
 * parameters, token structure, JSON nesting, claims and their skew boundaries, the
 * {@code Authorization} header, introspection answers). Each case names its source (RFC section,
 * CVE or tool) in a comment. Every hostile request must get the RFC 6750 answer it deserves, never
 * a 5xx except the documented 503, within 1 s (deadline + margin where a slow authorization server
 * is involved), with no token text in the answer or in any log line.</li>
 * <li>{@code fuzz}: seeded randomized property tests (mutated tokens and headers over HTTP,
 * mutated tokens and random issuer-signed claims into the decoder). Seed and size:
 * {@code -Dwarden.fuzz.seed=<n>|random}, {@code -Dwarden.fuzz.scale=<factor>} (or the
 * {@code WARDEN_FUZZ_SEED} / {@code WARDEN_FUZZ_SCALE} environment variables).</li>
 * <li>{@code fault}: JWKS outage beyond the cache TTL, key rotation under concurrent load, a
 * flood of unknown kids, a hanging introspection endpoint under 200 concurrent requests.</li>
 * <li>memory: {@code dev.warden.introspection.IntrospectionCacheMemoryTest} and
 * {@code dev.warden.jwt.VerifiedTokenCacheMemoryTest} (in Warden's packages to reach
 * package-private members).</li>
 * </ul>
 * Application contexts: {@code support.MainAppTest} (defaults, introspection deadline 600 ms, shared
 * by most classes), {@code support.StrictAppTest} ({@code warden.algorithms=RS256}, 64 KB tokens),
 * and one each for {@code fault.JwksOutageTest} and {@code fault.JwksLoadTest} (short JWKS
 * timings). Run: {@code mvn -B -o -pl security-tests test}.
 */
package dev.warden.security;
