package dev.warden.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.nimbusds.jose.JWSAlgorithm;
import dev.warden.jwt.TokenValidationSettings;
import dev.warden.introspection.IntrospectionSettings;
import dev.warden.scope.DefaultPolicy;
import dev.warden.web.AuditLog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Everything an operator tunes, under {@code warden.*}. Validated when bound: a value that cannot
 * work fails startup with an {@link InvalidWardenPropertyException} naming the property and the
 * fix.
 */
@ConfigurationProperties("warden")
public class WardenProperties implements Validator {

	static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

	static final DataSize MIN_TOKEN_SIZE = DataSize.ofBytes(512);

	static final DataSize MAX_TOKEN_SIZE = DataSize.ofKilobytes(64);

	/**
	 * Whether Warden secures the application. When false, Warden configures nothing.
	 */
	private boolean enabled = true;

	/**
	 * Issuer that tokens must name in their iss claim, compared exactly: case and a trailing
	 * slash count.
	 */
	private String issuer;

	/**
	 * Location of the issuer's JWK set. When unset, it is discovered from the issuer's metadata
	 * (RFC 8414, then OpenID Connect Discovery) on the first fetch.
	 */
	private URI jwksUri;

	/**
	 * Audiences accepted: a token's aud claim must contain at least one of them.
	 */
	private List<String> audiences = new ArrayList<>();

	/**
	 * Whether to accept tokens for any audience when warden.audiences is empty. Not recommended:
	 * a token issued for another service would then be accepted here.
	 */
	private boolean allowAnyAudience = false;

	/**
	 * Tolerance for clock differences with the issuer, applied to exp, nbf and iat. From 0s to 5m.
	 */
	private Duration clockSkew = Duration.ofSeconds(60);

	/**
	 * JWS algorithms accepted. 'none' and HMAC (HS256, HS384, HS512) are never accepted.
	 */
	private List<String> algorithms = new ArrayList<>(
			List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"));

	/**
	 * Whether to require the RFC 9068 access token profile: typ at+jwt and the claims iss, exp,
	 * aud, sub, client_id, iat and jti.
	 */
	private boolean strictRfc9068 = false;

	/**
	 * Request paths (Spring path patterns) that need no token. The Authorization header is not
	 * read on them at all.
	 */
	private List<String> publicPaths = new ArrayList<>(List.of("/actuator/health/**"));

	/**
	 * Largest bearer token accepted; longer ones are refused before parsing. Keep it below the
	 * servlet container's header limit so that Warden, not the container, answers.
	 */
	private DataSize maxTokenSize = DataSize.ofKilobytes(6);

	/**
	 * Name of the Spring Boot SSL bundle for calls to the authorization server. When unset, the
	 * JVM's default trust store is used.
	 */
	private String sslBundle;

	/**
	 * JWK set retrieval and caching.
	 */
	private final Jwks jwks = new Jwks();

	/**
	 * Per-endpoint scope enforcement.
	 */
	private final Scopes scopes = new Scopes();

	/**
	 * Cache of tokens that passed full validation.
	 */
	private final TokenCache tokenCache = new TokenCache();

	/**
	 * Audit trail of denials.
	 */
	private final Audit audit = new Audit();

	/**
	 * Live token checks against the authorization server's introspection endpoint (RFC 7662).
	 */
	private final Introspection introspection = new Introspection();

	/**
	 * DPoP: sender-constrained tokens proven with a proof per request (RFC 9449).
	 */
	private final Dpop dpop = new Dpop();

	/**
	 * Certificate-bound tokens behind a TLS-terminating proxy (RFC 8705).
	 */
	private final ClientCertificate clientCertificate = new ClientCertificate();

	/**
	 * The protected resource metadata document (RFC 9728).
	 */
	private final ResourceMetadata resourceMetadata = new ResourceMetadata();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getIssuer() {
		return this.issuer;
	}

	public void setIssuer(String issuer) {
		this.issuer = issuer;
	}

	public URI getJwksUri() {
		return this.jwksUri;
	}

	public void setJwksUri(URI jwksUri) {
		this.jwksUri = jwksUri;
	}

	public List<String> getAudiences() {
		return this.audiences;
	}

	public void setAudiences(List<String> audiences) {
		this.audiences = audiences;
	}

	public boolean isAllowAnyAudience() {
		return this.allowAnyAudience;
	}

	public void setAllowAnyAudience(boolean allowAnyAudience) {
		this.allowAnyAudience = allowAnyAudience;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public List<String> getAlgorithms() {
		return this.algorithms;
	}

	public void setAlgorithms(List<String> algorithms) {
		this.algorithms = algorithms;
	}

	public boolean isStrictRfc9068() {
		return this.strictRfc9068;
	}

	public void setStrictRfc9068(boolean strictRfc9068) {
		this.strictRfc9068 = strictRfc9068;
	}

	public List<String> getPublicPaths() {
		return this.publicPaths;
	}

	public void setPublicPaths(List<String> publicPaths) {
		this.publicPaths = publicPaths;
	}

	public DataSize getMaxTokenSize() {
		return this.maxTokenSize;
	}

	public void setMaxTokenSize(DataSize maxTokenSize) {
		this.maxTokenSize = maxTokenSize;
	}

	public String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public Jwks getJwks() {
		return this.jwks;
	}

	public Scopes getScopes() {
		return this.scopes;
	}

	public Introspection getIntrospection() {
		return this.introspection;
	}

	public TokenCache getTokenCache() {
		return this.tokenCache;
	}

	public Dpop getDpop() {
		return this.dpop;
	}

	public ClientCertificate getClientCertificate() {
		return this.clientCertificate;
	}

	public ResourceMetadata getResourceMetadata() {
		return this.resourceMetadata;
	}

	public Audit getAudit() {
		return this.audit;
	}

	/**
	 * Audit trail: one line per denial on the 'warden.audit' logger, never the token.
	 */
	public static class Audit {

		/**
		 * Whether denials (400, 401, 403, 503) are logged on the 'warden.audit' logger.
		 */
		private boolean enabled = true;

		/**
		 * Level audit lines are written at: debug, info or warn.
		 */
		private AuditLog.Level level = AuditLog.Level.INFO;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public AuditLog.Level getLevel() {
			return this.level;
		}

		public void setLevel(AuditLog.Level level) {
			this.level = level;
		}

	}

	/**
	 * Cache of tokens that passed full validation: a repeated token skips parsing and the
	 * signature check; its time claims are re-checked on every hit.
	 */
	public static class TokenCache {

		/**
		 * Whether validated tokens are cached (under the SHA-256 of the token, for at most its
		 * remaining lifetime).
		 */
		private boolean enabled = true;

		/**
		 * Most tokens cached at once.
		 */
		private long maxEntries = 10_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(long maxEntries) {
			this.maxEntries = maxEntries;
		}

	}

	/**
	 * Live token checks against the authorization server's introspection endpoint (RFC 7662).
	 */
	public static class Introspection {

		/**
		 * Whether every request with a locally valid token is also checked live. Endpoints
		 * annotated with @RequireLiveCheck are checked whatever this says.
		 */
		private boolean enabled = false;

		/**
		 * Introspection endpoint. When unset, the issuer metadata's introspection_endpoint.
		 */
		private URI uri;

		/**
		 * Client id this service authenticates with at the introspection endpoint.
		 */
		private String clientId;

		/**
		 * Client secret this service authenticates with. Never logged.
		 */
		private String clientSecret;

		/**
		 * How the client authenticates: client-secret-basic or client-secret-post.
		 */
		private IntrospectionSettings.ClientAuthentication clientAuthentication = IntrospectionSettings.ClientAuthentication.CLIENT_SECRET_BASIC;

		/**
		 * Connect timeout for introspection calls.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Read timeout for introspection calls.
		 */
		private Duration readTimeout = Duration.ofSeconds(2);

		/**
		 * Largest introspection answer accepted.
		 */
		private DataSize maxResponseSize = DataSize.ofKilobytes(64);

		/**
		 * How long an answer is reused, capped by the token's expiry: the revocation window.
		 */
		private Duration cacheTtl = Duration.ofSeconds(30);

		/**
		 * Most answers cached at once.
		 */
		private long maxEntries = 10_000;

		/**
		 * Most introspection calls in flight at once; further requests that need a call fail fast
		 * under the on-failure policy.
		 */
		private int maxConcurrentCalls = 32;

		/**
		 * What a request gets when introspection fails: 'deny' (503) or 'allow' (the locally
		 * valid JWT is accepted, counted and logged).
		 */
		private IntrospectionSettings.FailurePolicy onFailure = IntrospectionSettings.FailurePolicy.DENY;

		/**
		 * Whether opaque (non-JWT) tokens are accepted through introspection alone.
		 */
		private boolean acceptOpaqueTokens = false;

		/**
		 * Retry-After of the 503 sent when introspection is unavailable.
		 */
		private Duration retryAfter = Duration.ofSeconds(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public URI getUri() {
			return this.uri;
		}

		public void setUri(URI uri) {
			this.uri = uri;
		}

		public String getClientId() {
			return this.clientId;
		}

		public void setClientId(String clientId) {
			this.clientId = clientId;
		}

		public String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public IntrospectionSettings.ClientAuthentication getClientAuthentication() {
			return this.clientAuthentication;
		}

		public void setClientAuthentication(IntrospectionSettings.ClientAuthentication clientAuthentication) {
			this.clientAuthentication = clientAuthentication;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public DataSize getMaxResponseSize() {
			return this.maxResponseSize;
		}

		public void setMaxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		public long getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(long maxEntries) {
			this.maxEntries = maxEntries;
		}

		public int getMaxConcurrentCalls() {
			return this.maxConcurrentCalls;
		}

		public void setMaxConcurrentCalls(int maxConcurrentCalls) {
			this.maxConcurrentCalls = maxConcurrentCalls;
		}

		public IntrospectionSettings.FailurePolicy getOnFailure() {
			return this.onFailure;
		}

		public void setOnFailure(IntrospectionSettings.FailurePolicy onFailure) {
			this.onFailure = onFailure;
		}

		public boolean isAcceptOpaqueTokens() {
			return this.acceptOpaqueTokens;
		}

		public void setAcceptOpaqueTokens(boolean acceptOpaqueTokens) {
			this.acceptOpaqueTokens = acceptOpaqueTokens;
		}

		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		public void setRetryAfter(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

		/**
		 * Whether a client id is configured (the secret is checked separately).
		 * @return whether the client id is set
		 */
		boolean hasClient() {
			return this.clientId != null && !this.clientId.isBlank();
		}

	}

	/**
	 * Per-endpoint scope enforcement.
	 */
	public static class Scopes {

		/**
		 * What happens to an application endpoint that declares no access rule: 'deny' (403) or
		 * 'authenticated' (any valid token).
		 */
		private DefaultPolicy defaultPolicy = DefaultPolicy.DENY;

		/**
		 * Whether an application endpoint without an access rule fails startup.
		 */
		private boolean strict = false;

		/**
		 * Claims that carry the token's scopes, in order; the first one present is used.
		 */
		private List<String> claims = new ArrayList<>(List.of("scope", "scp"));

		/**
		 * Characters that separate scopes inside a string claim, e.g. " ," to accept commas too.
		 */
		private String delimiters = " ";

		/**
		 * Whether a 403 names the scopes the endpoint requires (RFC 6750 scope attribute), so
		 * clients can ask for just the scope they lack.
		 */
		private boolean nameRequiredScopes = true;

		/**
		 * Scope required for Actuator endpoints that are not public paths. Empty: any valid
		 * token.
		 */
		private String actuatorScope = "actuator";

		public DefaultPolicy getDefaultPolicy() {
			return this.defaultPolicy;
		}

		public void setDefaultPolicy(DefaultPolicy defaultPolicy) {
			this.defaultPolicy = defaultPolicy;
		}

		public boolean isStrict() {
			return this.strict;
		}

		public void setStrict(boolean strict) {
			this.strict = strict;
		}

		public List<String> getClaims() {
			return this.claims;
		}

		public void setClaims(List<String> claims) {
			this.claims = claims;
		}

		public String getDelimiters() {
			return this.delimiters;
		}

		public void setDelimiters(String delimiters) {
			this.delimiters = delimiters;
		}

		public boolean isNameRequiredScopes() {
			return this.nameRequiredScopes;
		}

		public void setNameRequiredScopes(boolean nameRequiredScopes) {
			this.nameRequiredScopes = nameRequiredScopes;
		}

		public String getActuatorScope() {
			return this.actuatorScope;
		}

		public void setActuatorScope(String actuatorScope) {
			this.actuatorScope = actuatorScope;
		}

	}

	/**
	 * JWK set retrieval and caching.
	 */
	public static class Jwks {

		/**
		 * How long a fetched key set is used before it is fetched again.
		 */
		private Duration cacheTtl = Duration.ofMinutes(5);

		/**
		 * How long before the cached key set expires a background refresh starts, so requests
		 * rarely wait for a fetch. 0s disables refresh-ahead.
		 */
		private Duration refreshAhead = Duration.ofSeconds(30);

		/**
		 * Minimum interval between refetches caused by unknown key ids (kid). Two fetches are
		 * allowed per interval, the second one kept for key rotation.
		 */
		private Duration minRefreshInterval = Duration.ofSeconds(30);

		/**
		 * How long after the last successful fetch the last-known keys keep serving while the
		 * JWKS endpoint fails. 0s disables; otherwise at least the cache TTL.
		 */
		private Duration outageTolerance = Duration.ofHours(1);

		/**
		 * Connect timeout for requests to the JWKS and metadata endpoints.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Read timeout for requests to the JWKS and metadata endpoints.
		 */
		private Duration readTimeout = Duration.ofSeconds(2);

		/**
		 * Largest JWKS or metadata document accepted.
		 */
		private DataSize maxSize = DataSize.ofKilobytes(64);

		/**
		 * Whether to fetch the JWK set in the background at startup, so the first requests find
		 * the keys cached. Startup never waits for it.
		 */
		private boolean warmUp = true;

		private boolean refreshAheadSet;

		private boolean minRefreshIntervalSet;

		private boolean outageToleranceSet;

		public boolean isWarmUp() {
			return this.warmUp;
		}

		public void setWarmUp(boolean warmUp) {
			this.warmUp = warmUp;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		// Defaults an operator never set follow a short cache TTL, so that shortening only
		// warden.jwks.cache-ttl (say to 5s) cannot fail on values the operator did not choose.

		public Duration getRefreshAhead() {
			if (this.refreshAheadSet || this.cacheTtl == null || this.connectTimeout == null || this.readTimeout == null) {
				return this.refreshAhead;
			}
			Duration room = this.cacheTtl.minus(this.connectTimeout).minus(this.readTimeout);
			return room.isNegative() ? Duration.ZERO : min(this.refreshAhead, room);
		}

		public void setRefreshAhead(Duration refreshAhead) {
			this.refreshAhead = refreshAhead;
			this.refreshAheadSet = true;
		}

		public Duration getMinRefreshInterval() {
			if (this.minRefreshIntervalSet || this.cacheTtl == null) {
				return this.minRefreshInterval;
			}
			return min(this.minRefreshInterval, this.cacheTtl.dividedBy(2));
		}

		public void setMinRefreshInterval(Duration minRefreshInterval) {
			this.minRefreshInterval = minRefreshInterval;
			this.minRefreshIntervalSet = true;
		}

		public Duration getOutageTolerance() {
			if (this.outageToleranceSet || this.cacheTtl == null || this.outageTolerance.compareTo(this.cacheTtl) >= 0) {
				return this.outageTolerance;
			}
			return this.cacheTtl;
		}

		public void setOutageTolerance(Duration outageTolerance) {
			this.outageTolerance = outageTolerance;
			this.outageToleranceSet = true;
		}

		private static Duration min(Duration a, Duration b) {
			return (a.compareTo(b) <= 0) ? a : b;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

	}

	/**
	 * DPoP (RFC 9449).
	 */
	public static class Dpop {

		/**
		 * Whether the DPoP scheme is accepted. When false, 'Authorization: DPoP' counts as no
		 * token, and DPoP-bound tokens are refused.
		 */
		private boolean enabled = true;

		/**
		 * Whether only DPoP-bound tokens are accepted, on every endpoint (bearer tokens refused).
		 * @RequireDPoP does the same for one endpoint.
		 */
		private boolean required = false;

		/**
		 * Algorithms a DPoP proof may be signed with (asymmetric only).
		 */
		private List<String> algorithms = new ArrayList<>(
				List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"));

		/**
		 * How old a proof's iat may be; the clock skew is added. Used proofs are remembered this
		 * long, so a replay is refused.
		 */
		private Duration proofMaxAge = Duration.ofSeconds(60);

		/**
		 * Most used proofs remembered by this instance.
		 */
		private long replayCacheSize = 100_000;

		/**
		 * Server-provided nonces (RFC 9449 section 8).
		 */
		private final Nonce nonce = new Nonce();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isRequired() {
			return this.required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

		public List<String> getAlgorithms() {
			return this.algorithms;
		}

		public void setAlgorithms(List<String> algorithms) {
			this.algorithms = algorithms;
		}

		public Duration getProofMaxAge() {
			return this.proofMaxAge;
		}

		public void setProofMaxAge(Duration proofMaxAge) {
			this.proofMaxAge = proofMaxAge;
		}

		public long getReplayCacheSize() {
			return this.replayCacheSize;
		}

		public void setReplayCacheSize(long replayCacheSize) {
			this.replayCacheSize = replayCacheSize;
		}

		public Nonce getNonce() {
			return this.nonce;
		}

		/**
		 * DPoP server nonces.
		 */
		public static class Nonce {

			/**
			 * Whether proofs must carry a nonce handed out by this service; a proof without one
			 * is answered 401 use_dpop_nonce with a DPoP-Nonce header.
			 */
			private boolean enabled = false;

			/**
			 * How long one nonce is handed out; a nonce is accepted for up to twice this long.
			 */
			private Duration lifetime = Duration.ofMinutes(5);

			/**
			 * Secret shared by the instances of the service, so that each accepts the others'
			 * nonces (at least 32 characters). Without it each instance makes its own.
			 */
			private String secret;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public Duration getLifetime() {
				return this.lifetime;
			}

			public void setLifetime(Duration lifetime) {
				this.lifetime = lifetime;
			}

			public String getSecret() {
				return this.secret;
			}

			public void setSecret(String secret) {
				this.secret = secret;
			}

		}

	}

	/**
	 * Client certificates forwarded by a TLS-terminating proxy.
	 */
	public static class ClientCertificate {

		/**
		 * Header in which a trusted proxy forwards the client certificate (PEM, URL-encoded PEM or
		 * base64 DER), e.g. X-Client-Cert. Only safe when every request passes that proxy and the
		 * proxy overwrites the header. Unset: mutual TLS at this server only.
		 */
		private String header;

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

	}

	/**
	 * The RFC 9728 document.
	 */
	public static class ResourceMetadata {

		/**
		 * Whether /.well-known/oauth-protected-resource is served and named in every 401
		 * challenge (resource_metadata).
		 */
		private boolean enabled = true;

		/**
		 * Resource identifier, e.g. https://api.example.com/orders. Unset: the origin of each
		 * request. With a path, the document is served at the well-known path followed by it.
		 */
		private URI resource;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public URI getResource() {
			return this.resource;
		}

		public void setResource(URI resource) {
			this.resource = resource;
		}

	}

	@Override
	public boolean supports(Class<?> type) {
		return WardenProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		((WardenProperties) target).validate();
	}

	/**
	 * Checks every property and combination.
	 * @throws InvalidWardenPropertyException on the first one that cannot work
	 */
	void validate() {
		if (this.issuer != null && !this.issuer.isBlank() && this.jwksUri == null) {
			requireHttpUri("warden.issuer", this.issuer,
					"Set warden.issuer to the issuer's http(s) identifier, or set warden.jwks-uri so that no discovery is needed.");
		}
		if (this.jwksUri != null) {
			requireHttpUri("warden.jwks-uri", this.jwksUri.toString(),
					"Set warden.jwks-uri to the http(s) address of the issuer's JWK set, or remove it to discover it from the issuer.");
		}
		if (this.clockSkew == null || this.clockSkew.isNegative() || this.clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
			throw new InvalidWardenPropertyException("warden.clock-skew", format(this.clockSkew),
					"the clock skew must be between 0s and 5m.",
					"Set warden.clock-skew to a duration between 0s and 5m, e.g. warden.clock-skew=60s.");
		}
		jwsAlgorithms();
		if (this.maxTokenSize == null || this.maxTokenSize.compareTo(MIN_TOKEN_SIZE) < 0
				|| this.maxTokenSize.compareTo(MAX_TOKEN_SIZE) > 0) {
			throw new InvalidWardenPropertyException("warden.max-token-size", this.maxTokenSize,
					"the largest token accepted must be between 512B and 64KB.",
					"Set warden.max-token-size between 512B and 64KB, e.g. warden.max-token-size=6KB.");
		}
		for (String path : this.publicPaths) {
			if (path == null || !path.startsWith("/")) {
				throw new InvalidWardenPropertyException("warden.public-paths", this.publicPaths,
						"'" + path + "' is not a path pattern.",
						"Write each public path as a pattern starting with '/', e.g. warden.public-paths=/public/**.");
			}
		}
		validateJwks();
		if (this.scopes.claims == null || this.scopes.claims.isEmpty()
				|| this.scopes.claims.stream().anyMatch((claim) -> claim == null || claim.isBlank())) {
			throw new InvalidWardenPropertyException("warden.scopes.claims", this.scopes.claims,
					"at least one non-empty claim name is needed.",
					"Set warden.scopes.claims to the claim(s) that carry scopes, e.g. warden.scopes.claims=scope,scp.");
		}
		if (this.scopes.delimiters == null || this.scopes.delimiters.isEmpty()) {
			throw new InvalidWardenPropertyException("warden.scopes.delimiters", "",
					"at least one delimiter character is needed.",
					"Set warden.scopes.delimiters to the characters that separate scopes, e.g. \" \" or \" ,\".");
		}
		if (this.scopes.actuatorScope != null && this.scopes.actuatorScope.trim().contains(" ")) {
			throw new InvalidWardenPropertyException("warden.scopes.actuator-scope", this.scopes.actuatorScope,
					"it must be a single scope.", "Set warden.scopes.actuator-scope to one scope, e.g. actuator.");
		}
		validateIntrospection();
		validateSenderConstraints();
		if (this.tokenCache.maxEntries <= 0) {
			throw new InvalidWardenPropertyException("warden.token-cache.max-entries", this.tokenCache.maxEntries,
					"it must be positive.",
					"Set warden.token-cache.max-entries to a positive number, or warden.token-cache.enabled=false.");
		}
	}

	private void validateIntrospection() {
		Introspection i = this.introspection;
		if (i.uri != null) {
			requireHttpUri("warden.introspection.uri", i.uri.toString(),
					"Set warden.introspection.uri to the http(s) address of the introspection endpoint, or remove it to discover it from the issuer.");
		}
		positive("warden.introspection.connect-timeout", i.connectTimeout);
		positive("warden.introspection.read-timeout", i.readTimeout);
		positive("warden.introspection.cache-ttl", i.cacheTtl);
		positive("warden.introspection.retry-after", i.retryAfter);
		if (i.maxEntries <= 0) {
			throw new InvalidWardenPropertyException("warden.introspection.max-entries", i.maxEntries,
					"it must be positive.", "Set warden.introspection.max-entries to a positive number, e.g. 10000.");
		}
		if (i.maxConcurrentCalls <= 0) {
			throw new InvalidWardenPropertyException("warden.introspection.max-concurrent-calls", i.maxConcurrentCalls,
					"it must be positive.", "Set warden.introspection.max-concurrent-calls to a positive number, e.g. 32.");
		}
		if (i.maxResponseSize == null || i.maxResponseSize.toBytes() <= 0) {
			throw new InvalidWardenPropertyException("warden.introspection.max-response-size", i.maxResponseSize,
					"it must be positive.", "Set warden.introspection.max-response-size to a positive size, e.g. 64KB.");
		}
		if (i.clientId != null && i.clientId.isBlank()) {
			throw new InvalidWardenPropertyException("warden.introspection.client-id", "",
					"it is set but blank, which would turn live checks on without a client.",
					"Set warden.introspection.client-id to this service's client id, or remove it.");
		}
		if ((i.enabled || i.acceptOpaqueTokens) && !i.hasClient()) {
			String property = i.enabled ? "warden.introspection.enabled" : "warden.introspection.accept-opaque-tokens";
			throw new InvalidWardenPropertyException(property, true,
					"introspection needs a client, but warden.introspection.client-id is not set.",
					"Set warden.introspection.client-id and warden.introspection.client-secret to the credentials this "
							+ "service uses at the introspection endpoint, or set " + property + "=false.");
		}
		if (i.hasClient() && (i.clientSecret == null || i.clientSecret.isEmpty())) {
			throw new InvalidWardenPropertyException("warden.introspection.client-secret", "",
					"warden.introspection.client-id is set but its secret is not.",
					"Set warden.introspection.client-secret (e.g. from an environment variable).");
		}
	}

	private void validateSenderConstraints() {
		Dpop d = this.dpop;
		for (String name : (d.algorithms != null) ? d.algorithms : List.<String>of()) {
			if (!TokenValidationSettings.isAcceptable(JWSAlgorithm.parse(String.valueOf(name).trim()))) {
				throw new InvalidWardenPropertyException("warden.dpop.algorithms", d.algorithms,
						"'" + name + "' is not an asymmetric JWS algorithm a DPoP proof may use.",
						"Remove '" + name + "' from warden.dpop.algorithms; supported: RS256, RS384, RS512, PS256, "
								+ "PS384, PS512, ES256, ES384, ES512.");
			}
		}
		if (d.enabled && (d.algorithms == null || d.algorithms.isEmpty())) {
			throw new InvalidWardenPropertyException("warden.dpop.algorithms", "[]", "no algorithm is accepted.",
					"Set warden.dpop.algorithms, e.g. warden.dpop.algorithms=ES256,PS256, or warden.dpop.enabled=false.");
		}
		if (d.required && !d.enabled) {
			throw new InvalidWardenPropertyException("warden.dpop.required", true,
					"DPoP is required but warden.dpop.enabled is false, so no token could ever be accepted.",
					"Set warden.dpop.enabled=true, or warden.dpop.required=false.");
		}
		positive("warden.dpop.proof-max-age", d.proofMaxAge);
		if (d.proofMaxAge.compareTo(Duration.ofMinutes(10)) > 0) {
			throw new InvalidWardenPropertyException("warden.dpop.proof-max-age", format(d.proofMaxAge),
					"a proof is meant for one request; accepting it for longer widens the window for a captured one.",
					"Set warden.dpop.proof-max-age to at most 10m, e.g. warden.dpop.proof-max-age=60s.");
		}
		if (d.replayCacheSize <= 0) {
			throw new InvalidWardenPropertyException("warden.dpop.replay-cache-size", d.replayCacheSize,
					"it must be positive.", "Set warden.dpop.replay-cache-size to a positive number, e.g. 100000.");
		}
		positive("warden.dpop.nonce.lifetime", d.nonce.lifetime);
		if (d.nonce.secret != null && d.nonce.secret.length() < 32) {
			throw new InvalidWardenPropertyException("warden.dpop.nonce.secret", "(hidden)",
					"it is shorter than 32 characters.",
					"Set warden.dpop.nonce.secret to at least 32 random characters shared by the service's instances, "
							+ "or remove it to let each instance make its own.");
		}
		String header = this.clientCertificate.header;
		if (header != null && !header.isEmpty() && !header.chars().allMatch((c) -> c > 0x20 && c < 0x7f
				&& "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
			throw new InvalidWardenPropertyException("warden.client-certificate.header", header,
					"it is not an HTTP header name.",
					"Set warden.client-certificate.header to the header your proxy writes, e.g. X-Client-Cert.");
		}
		URI resource = this.resourceMetadata.resource;
		if (resource != null) {
			requireHttpUri("warden.resource-metadata.resource", resource.toString(),
					"Set warden.resource-metadata.resource to this service's https URL, e.g. https://api.example.com/orders.");
			if (resource.getRawQuery() != null || resource.getRawFragment() != null) {
				throw new InvalidWardenPropertyException("warden.resource-metadata.resource", resource,
						"a resource identifier has no query or fragment (RFC 9728 section 2).",
						"Remove the query and fragment from warden.resource-metadata.resource.");
			}
		}
	}

	/**
	 * The DPoP algorithms, checked.
	 * @return the algorithms
	 */
	List<JWSAlgorithm> dpopAlgorithms() {
		return this.dpop.algorithms.stream().map((name) -> JWSAlgorithm.parse(name.trim())).toList();
	}

	/**
	 * Checks what Warden's own token decoder needs: an issuer and (unless explicitly waived) an
	 * audience. Not checked when the application supplies its own {@code JwtDecoder}.
	 * @throws InvalidWardenPropertyException when either is missing
	 */
	void validateForDecoder() {
		if (this.issuer == null || this.issuer.isBlank()) {
			throw new InvalidWardenPropertyException("warden.issuer", "",
					"the issuer is required: tokens are accepted only from it.",
					"Set warden.issuer to your authorization server's issuer, exactly as it appears in the tokens' "
							+ "iss claim, e.g. warden.issuer=https://auth.example.com.");
		}
		if (this.audiences.stream().allMatch((audience) -> audience == null || audience.isBlank())
				&& !this.allowAnyAudience) {
			throw new InvalidWardenPropertyException("warden.audiences", "[]",
					"no audience is configured, so a token issued for any other service would be accepted.",
					"Set warden.audiences to the audience(s) this service accepts (e.g. warden.audiences=orders-api), "
							+ "or opt out explicitly with warden.allow-any-audience=true.");
		}
	}

	private static void requireHttpUri(String property, String value, String action) {
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWardenPropertyException(property, value, "it is not a valid URI.", action);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
			throw new InvalidWardenPropertyException(property, value, "it is not an absolute http(s) URI.", action);
		}
	}

	/**
	 * The configured algorithms, checked.
	 * @return the algorithms
	 */
	List<JWSAlgorithm> jwsAlgorithms() {
		if (this.algorithms == null || this.algorithms.isEmpty()) {
			throw new InvalidWardenPropertyException("warden.algorithms", "[]", "no algorithm is accepted.",
					"Set warden.algorithms to the algorithms your issuer signs with, e.g. warden.algorithms=RS256,ES256.");
		}
		List<JWSAlgorithm> parsed = new ArrayList<>();
		for (String name : this.algorithms) {
			JWSAlgorithm algorithm = JWSAlgorithm.parse(String.valueOf(name).trim());
			if (!TokenValidationSettings.isAcceptable(algorithm)) {
				boolean forbidden = JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)
						|| "none".equalsIgnoreCase(algorithm.getName());
				throw new InvalidWardenPropertyException("warden.algorithms", this.algorithms,
						forbidden ? "'" + name + "' is never accepted: 'none' and HMAC algorithms let anyone who "
								+ "knows the key (or no key) forge tokens."
								: "'" + name + "' is not a supported JWS algorithm.",
						"Remove '" + name + "' from warden.algorithms; supported: RS256, RS384, RS512, PS256, PS384, "
								+ "PS512, ES256, ES384, ES512.");
			}
			parsed.add(algorithm);
		}
		return parsed;
	}

	private void validateJwks() {
		Jwks j = this.jwks;
		positive("warden.jwks.cache-ttl", j.cacheTtl);
		positive("warden.jwks.min-refresh-interval", j.getMinRefreshInterval());
		positive("warden.jwks.connect-timeout", j.connectTimeout);
		positive("warden.jwks.read-timeout", j.readTimeout);
		if (j.getRefreshAhead() == null || j.getRefreshAhead().isNegative()) {
			throw new InvalidWardenPropertyException("warden.jwks.refresh-ahead", format(j.getRefreshAhead()),
					"it must not be negative.", "Set warden.jwks.refresh-ahead to 0s (off) or a positive duration.");
		}
		if (j.getOutageTolerance() == null || j.getOutageTolerance().isNegative()) {
			throw new InvalidWardenPropertyException("warden.jwks.outage-tolerance", format(j.getOutageTolerance()),
					"it must not be negative.", "Set warden.jwks.outage-tolerance to 0s (off) or at least the cache TTL.");
		}
		if (j.maxSize == null || j.maxSize.toBytes() <= 0) {
			throw new InvalidWardenPropertyException("warden.jwks.max-size", j.maxSize, "it must be positive.",
					"Set warden.jwks.max-size to a positive size, e.g. warden.jwks.max-size=64KB.");
		}
		if (j.getMinRefreshInterval().compareTo(j.cacheTtl) >= 0) {
			throw new InvalidWardenPropertyException("warden.jwks.min-refresh-interval", format(j.getMinRefreshInterval()),
					"it must be shorter than warden.jwks.cache-ttl (" + format(j.cacheTtl) + ").",
					"Lower warden.jwks.min-refresh-interval or raise warden.jwks.cache-ttl.");
		}
		Duration fetchDeadline = j.connectTimeout.plus(j.readTimeout);
		if (!j.getRefreshAhead().isZero() && j.getRefreshAhead().plus(fetchDeadline).compareTo(j.cacheTtl) > 0) {
			throw new InvalidWardenPropertyException("warden.jwks.refresh-ahead", format(j.getRefreshAhead()),
					"warden.jwks.refresh-ahead plus warden.jwks.connect-timeout and warden.jwks.read-timeout ("
							+ format(fetchDeadline) + ") must not exceed warden.jwks.cache-ttl (" + format(j.cacheTtl)
							+ ").",
					"Lower warden.jwks.refresh-ahead or the timeouts, or raise warden.jwks.cache-ttl.");
		}
		if (!j.getOutageTolerance().isZero() && j.getOutageTolerance().compareTo(j.cacheTtl) < 0) {
			throw new InvalidWardenPropertyException("warden.jwks.outage-tolerance", format(j.getOutageTolerance()),
					"it is counted from the last successful fetch, so a value shorter than warden.jwks.cache-ttl ("
							+ format(j.cacheTtl) + ") has no effect.",
					"Set warden.jwks.outage-tolerance to 0s (off) or at least warden.jwks.cache-ttl.");
		}
	}

	private static void positive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidWardenPropertyException(property, format(value), "it must be a positive duration.",
					"Set " + property + " to a positive duration, e.g. " + property + "=2s.");
		}
	}

	/** Formats a duration as an operator writes it: the largest whole unit (1h, 90s, 250ms). */
	static String format(Duration duration) {
		if (duration == null) {
			return "";
		}
		long millis = duration.toMillis();
		String sign = (millis < 0) ? "-" : "";
		long abs = Math.abs(millis);
		if (abs != 0 && abs % 86_400_000 == 0) {
			return sign + abs / 86_400_000 + "d";
		}
		if (abs != 0 && abs % 3_600_000 == 0) {
			return sign + abs / 3_600_000 + "h";
		}
		if (abs != 0 && abs % 60_000 == 0) {
			return sign + abs / 60_000 + "m";
		}
		if (abs % 1000 == 0) {
			return sign + abs / 1000 + "s";
		}
		return sign + abs + "ms";
	}

}
