package dev.warden.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import dev.warden.internal.Durations;
import dev.warden.internal.HttpUrls;
import dev.warden.internal.jwt.TokenValidationSettings;

import org.springframework.util.unit.DataSize;

/**
 * Checks the bound {@code warden.*} values once, at bind time, and reports every value that cannot
 * work — not only the first — with the property, the value (never a secret), the problem and the
 * fix. The sentences are the reference documentation's (docs/configuration.md).
 */
final class WardenPropertiesValidator {

	static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

	static final DataSize MIN_TOKEN_SIZE = DataSize.ofBytes(512);

	static final DataSize MAX_TOKEN_SIZE = DataSize.ofKilobytes(64);

	private static final String SUPPORTED = "supported: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512.";

	private final WardenProperties properties;

	private final List<InvalidWardenPropertyException.Violation> violations = new ArrayList<>();

	WardenPropertiesValidator(WardenProperties properties) {
		this.properties = properties;
	}

	/**
	 * Checks every property and combination.
	 * @throws InvalidWardenPropertyException listing every value that cannot work
	 */
	void validate() {
		validateToken();
		validateJwks();
		validateScopes();
		validateStepUp();
		validateIntrospection();
		validateSenderConstraints();
		new RevocationPropertiesValidator(this, this.properties).validate();
		if (this.properties.getTokenCache().getMaxEntries() <= 0) {
			fail("warden.token-cache.max-entries", this.properties.getTokenCache().getMaxEntries(), "it must be positive.",
					"Set warden.token-cache.max-entries to a positive number, or warden.token-cache.enabled=false.");
		}
		if (!this.violations.isEmpty()) {
			throw new InvalidWardenPropertyException(this.violations);
		}
	}

	private void validateToken() {
		WardenProperties p = this.properties;
		if (p.getIssuer() != null && !p.getIssuer().isBlank() && p.getJwksUri() == null) {
			requireHttpUri("warden.issuer", p.getIssuer(),
					"Set warden.issuer to the issuer's http(s) identifier, or set warden.jwks-uri so that no discovery is needed.");
		}
		if (p.getJwksUri() != null) {
			requireHttpUri("warden.jwks-uri", p.getJwksUri().toString(),
					"Set warden.jwks-uri to the http(s) address of the issuer's JWK set, or remove it to discover it from the issuer.");
		}
		Duration skew = p.getClockSkew();
		if (skew == null || skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
			fail("warden.clock-skew", Durations.format(skew), "the clock skew must be between 0s and 5m.",
					"Set warden.clock-skew to a duration between 0s and 5m, e.g. warden.clock-skew=60s.");
		}
		validateAlgorithms("warden.algorithms", p.getAlgorithms());
		DataSize size = p.getMaxTokenSize();
		if (size == null || size.compareTo(MIN_TOKEN_SIZE) < 0 || size.compareTo(MAX_TOKEN_SIZE) > 0) {
			fail("warden.max-token-size", size, "the largest token accepted must be between 512B and 64KB.",
					"Set warden.max-token-size between 512B and 64KB, e.g. warden.max-token-size=6KB.");
		}
		for (String path : p.getPublicPaths()) {
			if (path == null || !path.startsWith("/")) {
				fail("warden.public-paths", p.getPublicPaths(), "'" + path + "' is not a path pattern.",
						"Write each public path as a pattern starting with '/', e.g. warden.public-paths=/public/**.");
			}
		}
	}

	private void validateAlgorithms(String property, List<String> names) {
		if (names == null || names.isEmpty()) {
			fail(property, "[]", "no algorithm is accepted.",
					"Set " + property + " to the algorithms your issuer signs with, e.g. " + property + "=RS256,ES256.");
			return;
		}
		for (String name : names) {
			JWSAlgorithm algorithm = JWSAlgorithm.parse(String.valueOf(name).trim());
			if (!TokenValidationSettings.isAcceptable(algorithm)) {
				boolean forbidden = JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)
						|| "none".equalsIgnoreCase(algorithm.getName());
				fail(property, names,
						forbidden ? "'" + name + "' is never accepted: 'none' and HMAC algorithms let anyone who "
								+ "knows the key (or no key) forge tokens."
								: "'" + name + "' is not a supported JWS algorithm.",
						"Remove '" + name + "' from " + property + "; " + SUPPORTED);
			}
		}
	}

	private void validateScopeClaims(String prefix, List<String> claims, String delimiters) {
		if (claims != null && (claims.isEmpty() || claims.stream().anyMatch((claim) -> claim == null || claim.isBlank()))) {
			fail(prefix + ".claims", claims, "at least one non-empty claim name is needed.",
					"Set " + prefix + ".claims to the claim(s) that carry scopes, e.g. " + prefix + ".claims=scope,scp.");
		}
		if (delimiters != null && delimiters.isEmpty()) {
			fail(prefix + ".delimiters", "", "at least one delimiter character is needed.",
					"Set " + prefix + ".delimiters to the characters that separate scopes, e.g. \" \" or \" ,\".");
		}
	}

	private void validateScopes() {
		ScopesProperties s = this.properties.getScopes();
		validateScopeClaims("warden.scopes", (s.getClaims() != null) ? s.getClaims() : List.of(),
				(s.getDelimiters() != null) ? s.getDelimiters() : "");
		if (s.getActuatorScope() != null && s.getActuatorScope().trim().contains(" ")) {
			fail("warden.scopes.actuator-scope", s.getActuatorScope(), "it must be a single scope.",
					"Set warden.scopes.actuator-scope to one scope, e.g. actuator.");
		}
	}

	private void validateStepUp() {
		List<String> levels = this.properties.getStepUp().getAcrLevels();
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (String level : levels) {
			if (level == null || level.isBlank() || level.trim().chars().anyMatch(Character::isWhitespace)) {
				fail("warden.step-up.acr-levels", levels, "'" + level + "' is not an acr value.",
						"List the acr values your authorization server issues, lowest first, e.g. "
								+ "warden.step-up.acr-levels=pwd,mfa,phr.");
			}
			else if (!seen.add(level.trim())) {
				fail("warden.step-up.acr-levels", levels, "'" + level + "' is listed twice, so its rank is ambiguous.",
						"List each acr value once, lowest first, e.g. warden.step-up.acr-levels=pwd,mfa,phr.");
			}
		}
	}

	private void validateJwks() {
		validateJwks(this.properties.getJwks());
	}

	/**
	 * Checks the effective JWKS and introspection settings of a named issuer (its own values over
	 * those of {@code warden.*}); violations name the issuer's properties.
	 * @param name the issuer's name
	 * @param own its own settings (algorithms, scope claims)
	 * @param jwks its effective JWKS settings
	 * @param introspection its effective introspection settings
	 * @throws InvalidWardenPropertyException listing every value that cannot work
	 */
	void validateIssuer(String name, IssuerProperties own, JwksProperties jwks, IntrospectionProperties introspection) {
		if (own.getAlgorithms() != null) {
			validateAlgorithms("warden.issuers." + name + ".algorithms", own.getAlgorithms());
		}
		validateScopeClaims("warden.issuers." + name + ".scopes", own.getScopes().getClaims(),
				own.getScopes().getDelimiters());
		int before = this.violations.size();
		validateJwks(jwks);
		renamed(before, "warden.jwks.", "warden.issuers." + name + ".jwks.");
		before = this.violations.size();
		validateIntrospection(introspection);
		renamed(before, "warden.introspection.", "warden.issuers." + name + ".introspection.");
		if (!this.violations.isEmpty()) {
			throw new InvalidWardenPropertyException(this.violations);
		}
	}

	private void renamed(int from, String prefix, String replacement) {
		for (int i = from; i < this.violations.size(); i++) {
			InvalidWardenPropertyException.Violation v = this.violations.get(i);
			this.violations.set(i, new InvalidWardenPropertyException.Violation(v.property().replace(prefix, replacement),
					v.value(), v.problem().replace(prefix, replacement), v.action().replace(prefix, replacement)));
		}
	}

	private void validateJwks(JwksProperties j) {
		if (j.getMaxSize() == null || j.getMaxSize().toBytes() <= 0) {
			fail("warden.jwks.max-size", j.getMaxSize(), "it must be positive.",
					"Set warden.jwks.max-size to a positive size, e.g. warden.jwks.max-size=64KB.");
		}
		boolean timesValid = positive("warden.jwks.cache-ttl", j.getCacheTtl())
				& positive("warden.jwks.connect-timeout", j.getConnectTimeout())
				& positive("warden.jwks.read-timeout", j.getReadTimeout());
		if (!timesValid) {
			// the remaining checks compare with these
			return;
		}
		boolean intervalValid = positive("warden.jwks.min-refresh-interval", j.getMinRefreshInterval());
		if (j.getRefreshAhead() == null || j.getRefreshAhead().isNegative()) {
			fail("warden.jwks.refresh-ahead", Durations.format(j.getRefreshAhead()), "it must not be negative.",
					"Set warden.jwks.refresh-ahead to 0s (off) or a positive duration.");
		}
		else {
			Duration fetchDeadline = j.getConnectTimeout().plus(j.getReadTimeout());
			if (!j.getRefreshAhead().isZero() && j.getRefreshAhead().plus(fetchDeadline).compareTo(j.getCacheTtl()) > 0) {
				fail("warden.jwks.refresh-ahead", Durations.format(j.getRefreshAhead()),
						"warden.jwks.refresh-ahead plus warden.jwks.connect-timeout and warden.jwks.read-timeout ("
								+ Durations.format(fetchDeadline) + ") must not exceed warden.jwks.cache-ttl ("
								+ Durations.format(j.getCacheTtl()) + ").",
						"Lower warden.jwks.refresh-ahead or the timeouts, or raise warden.jwks.cache-ttl.");
			}
		}
		if (j.getOutageTolerance() == null || j.getOutageTolerance().isNegative()) {
			fail("warden.jwks.outage-tolerance", Durations.format(j.getOutageTolerance()), "it must not be negative.",
					"Set warden.jwks.outage-tolerance to 0s (off) or at least the cache TTL.");
		}
		else if (!j.getOutageTolerance().isZero() && j.getOutageTolerance().compareTo(j.getCacheTtl()) < 0) {
			fail("warden.jwks.outage-tolerance", Durations.format(j.getOutageTolerance()),
					"it is counted from the last successful fetch, so a value shorter than warden.jwks.cache-ttl ("
							+ Durations.format(j.getCacheTtl()) + ") has no effect.",
					"Set warden.jwks.outage-tolerance to 0s (off) or at least warden.jwks.cache-ttl.");
		}
		if (intervalValid && j.getMinRefreshInterval().compareTo(j.getCacheTtl()) >= 0) {
			fail("warden.jwks.min-refresh-interval", Durations.format(j.getMinRefreshInterval()),
					"it must be shorter than warden.jwks.cache-ttl (" + Durations.format(j.getCacheTtl()) + ").",
					"Lower warden.jwks.min-refresh-interval or raise warden.jwks.cache-ttl.");
		}
	}

	private void validateIntrospection() {
		validateIntrospection(this.properties.getIntrospection());
	}

	private void validateIntrospection(IntrospectionProperties i) {
		if (i.getUri() != null) {
			requireHttpUri("warden.introspection.uri", i.getUri().toString(),
					"Set warden.introspection.uri to the http(s) address of the introspection endpoint, or remove it to discover it from the issuer.");
		}
		positive("warden.introspection.connect-timeout", i.getConnectTimeout());
		positive("warden.introspection.read-timeout", i.getReadTimeout());
		positive("warden.introspection.cache-ttl", i.getCacheTtl());
		positive("warden.introspection.retry-after", i.getRetryAfter());
		if (i.getMaxEntries() <= 0) {
			fail("warden.introspection.max-entries", i.getMaxEntries(), "it must be positive.",
					"Set warden.introspection.max-entries to a positive number, e.g. 10000.");
		}
		if (i.getMaxConcurrentCalls() <= 0) {
			fail("warden.introspection.max-concurrent-calls", i.getMaxConcurrentCalls(), "it must be positive.",
					"Set warden.introspection.max-concurrent-calls to a positive number, e.g. 32.");
		}
		if (i.getMaxResponseSize() == null || i.getMaxResponseSize().toBytes() <= 0) {
			fail("warden.introspection.max-response-size", i.getMaxResponseSize(), "it must be positive.",
					"Set warden.introspection.max-response-size to a positive size, e.g. 64KB.");
		}
		if (i.getClientId() != null && i.getClientId().isBlank()) {
			fail("warden.introspection.client-id", "",
					"it is set but blank, which would turn live checks on without a client.",
					"Set warden.introspection.client-id to this service's client id, or remove it.");
		}
		if ((i.isEnabled() || i.isAcceptOpaqueTokens()) && !i.hasClient()) {
			String property = i.isEnabled() ? "warden.introspection.enabled" : "warden.introspection.accept-opaque-tokens";
			fail(property, true, "introspection needs a client, but warden.introspection.client-id is not set.",
					"Set warden.introspection.client-id and warden.introspection.client-secret to the credentials this "
							+ "service uses at the introspection endpoint, or set " + property + "=false.");
		}
		if (i.hasClient() && (i.getClientSecret() == null || i.getClientSecret().isEmpty())) {
			fail("warden.introspection.client-secret", "", "warden.introspection.client-id is set but its secret is not.",
					"Set warden.introspection.client-secret (e.g. from an environment variable).");
		}
		unresolvedPlaceholder("warden.introspection.client-secret", i.getClientSecret());
	}

	private void validateSenderConstraints() {
		DpopProperties d = this.properties.getDpop();
		for (String name : (d.getAlgorithms() != null) ? d.getAlgorithms() : List.<String>of()) {
			if (!TokenValidationSettings.isAcceptable(JWSAlgorithm.parse(String.valueOf(name).trim()))) {
				fail("warden.dpop.algorithms", d.getAlgorithms(),
						"'" + name + "' is not an asymmetric JWS algorithm a DPoP proof may use.",
						"Remove '" + name + "' from warden.dpop.algorithms; " + SUPPORTED);
			}
		}
		if (d.isEnabled() && (d.getAlgorithms() == null || d.getAlgorithms().isEmpty())) {
			fail("warden.dpop.algorithms", "[]", "no algorithm is accepted.",
					"Set warden.dpop.algorithms, e.g. warden.dpop.algorithms=ES256,PS256, or warden.dpop.enabled=false.");
		}
		if (d.isRequired() && !d.isEnabled()) {
			fail("warden.dpop.required", true,
					"DPoP is required but warden.dpop.enabled is false, so no token could ever be accepted.",
					"Set warden.dpop.enabled=true, or warden.dpop.required=false.");
		}
		if (positive("warden.dpop.proof-max-age", d.getProofMaxAge())
				&& d.getProofMaxAge().compareTo(Duration.ofMinutes(10)) > 0) {
			fail("warden.dpop.proof-max-age", Durations.format(d.getProofMaxAge()),
					"a proof is meant for one request; accepting it for longer widens the window for a captured one.",
					"Set warden.dpop.proof-max-age to at most 10m, e.g. warden.dpop.proof-max-age=60s.");
		}
		if (d.getReplayCacheSize() <= 0) {
			fail("warden.dpop.replay-cache-size", d.getReplayCacheSize(), "it must be positive.",
					"Set warden.dpop.replay-cache-size to a positive number, e.g. 100000.");
		}
		positive("warden.dpop.nonce.lifetime", d.getNonce().getLifetime());
		String secret = d.getNonce().getSecret();
		if (!unresolvedPlaceholder("warden.dpop.nonce.secret", secret) && secret != null && secret.length() < 32) {
			fail("warden.dpop.nonce.secret", "(hidden)", "it is shorter than 32 characters.",
					"Set warden.dpop.nonce.secret to at least 32 random characters shared by the service's instances, "
							+ "or remove it to let each instance make its own.");
		}
		String header = this.properties.getClientCertificate().getHeader();
		if (header != null && !header.isEmpty() && !header.chars()
			.allMatch((c) -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
			fail("warden.client-certificate.header", header, "it is not an HTTP header name.",
					"Set warden.client-certificate.header to the header your proxy writes, e.g. X-Client-Cert.");
		}
		URI resource = this.properties.getResourceMetadata().getResource();
		if (resource != null) {
			requireHttpUri("warden.resource-metadata.resource", resource.toString(),
					"Set warden.resource-metadata.resource to this service's https URL, e.g. https://api.example.com/orders.");
			if (resource.getRawQuery() != null || resource.getRawFragment() != null) {
				fail("warden.resource-metadata.resource", resource,
						"a resource identifier has no query or fragment (RFC 9728 section 2).",
						"Remove the query and fragment from warden.resource-metadata.resource.");
			}
		}
	}

	/**
	 * A secret still written as {@code ${…}}: the placeholder was not resolved, and the text would
	 * be sent as the secret.
	 */
	boolean unresolvedPlaceholder(String property, String secret) {
		if (secret == null || !secret.contains("${")) {
			return false;
		}
		int start = secret.indexOf("${") + 2;
		int end = secret.indexOf('}', start);
		int colon = secret.indexOf(':', start);
		String name = secret.substring(start, (end < 0) ? secret.length() : (colon >= 0 && colon < end) ? colon : end);
		fail(property, "(hidden)", "it holds the placeholder ${" + name + "}, which nothing resolves.",
				"Define " + name + " (e.g. as an environment variable) or set " + property + " directly.");
		return true;
	}

	void requireHttpUri(String property, String value, String action) {
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			fail(property, value, "it is not a valid URI.", action);
			return;
		}
		if (!HttpUrls.isHttp(uri)) {
			fail(property, value, "it is not an absolute http(s) URI.", action);
		}
	}

	boolean positive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			fail(property, Durations.format(value), "it must be a positive duration.",
					"Set " + property + " to a positive duration, e.g. " + property + "=2s.");
			return false;
		}
		return true;
	}

	void fail(String property, Object value, String problem, String action) {
		this.violations.add(new InvalidWardenPropertyException.Violation(property, String.valueOf(value), problem, action));
	}

	/**
	 * Checks what Warden's own token pipeline needs: an issuer and (unless explicitly waived) an
	 * audience. Not checked when the application supplies its own {@code JwtDecoder}.
	 * @param properties the properties
	 * @throws InvalidWardenPropertyException when either is missing
	 */
	static void requireIssuer(WardenProperties properties) {
		if (properties.getIssuer() == null || properties.getIssuer().isBlank()) {
			throw new InvalidWardenPropertyException("warden.issuer", "",
					"the issuer is required: tokens are accepted only from it.",
					"Set warden.issuer to your authorization server's issuer, exactly as it appears in the tokens' "
							+ "iss claim, e.g. warden.issuer=https://auth.example.com.");
		}
		if (properties.getAudiences().stream().allMatch((audience) -> audience == null || audience.isBlank())
				&& !properties.isAllowAnyAudience()) {
			throw new InvalidWardenPropertyException("warden.audiences", "[]",
					"no audience is configured, so a token issued for any other service would be accepted.",
					"Set warden.audiences to the audience(s) this service accepts (e.g. warden.audiences=orders-api), "
							+ "or opt out explicitly with warden.allow-any-audience=true.");
		}
	}

	/**
	 * The accepted algorithms, parsed (the values were checked at bind time).
	 * @param names the configured names
	 * @return the algorithms
	 */
	static List<JWSAlgorithm> algorithms(List<String> names) {
		return names.stream().map((name) -> JWSAlgorithm.parse(name.trim())).toList();
	}

}
