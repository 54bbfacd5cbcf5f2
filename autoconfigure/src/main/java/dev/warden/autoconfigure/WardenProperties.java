package dev.warden.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Everything an operator tunes, under {@code warden.*}: data only. Validated once when bound by
 * {@link WardenPropertiesValidator}: values that cannot work fail startup with an
 * {@link InvalidWardenPropertyException} naming each property and the fix. A key under
 * {@code warden.*} that names no property (a typo) fails startup too.
 */
@ConfigurationProperties(prefix = "warden", ignoreUnknownFields = false)
public class WardenProperties implements Validator {

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
	@NestedConfigurationProperty
	private final JwksProperties jwks = new JwksProperties();

	/**
	 * Per-endpoint scope enforcement.
	 */
	@NestedConfigurationProperty
	private final ScopesProperties scopes = new ScopesProperties();

	/**
	 * Cache of tokens that passed full validation.
	 */
	@NestedConfigurationProperty
	private final TokenCacheProperties tokenCache = new TokenCacheProperties();

	/**
	 * Audit trail of denials.
	 */
	@NestedConfigurationProperty
	private final AuditProperties audit = new AuditProperties();

	/**
	 * Live token checks against the authorization server's introspection endpoint (RFC 7662).
	 */
	@NestedConfigurationProperty
	private final IntrospectionProperties introspection = new IntrospectionProperties();

	/**
	 * More trusted authorization servers, by name (warden.issuer is the one named default).
	 */
	private final Map<String, IssuerProperties> issuers = new LinkedHashMap<>();

	/**
	 * Step-up authentication: endpoints that need a stronger or more recent sign-in (RFC 9470).
	 */
	@NestedConfigurationProperty
	private final StepUpProperties stepUp = new StepUpProperties();

	/**
	 * DPoP: sender-constrained tokens proven with a proof per request (RFC 9449).
	 */
	@NestedConfigurationProperty
	private final DpopProperties dpop = new DpopProperties();

	/**
	 * Certificate-bound tokens behind a TLS-terminating proxy (RFC 8705).
	 */
	@NestedConfigurationProperty
	private final ClientCertificateProperties clientCertificate = new ClientCertificateProperties();

	/**
	 * The protected resource metadata document (RFC 9728).
	 */
	@NestedConfigurationProperty
	private final ResourceMetadataProperties resourceMetadata = new ResourceMetadataProperties();

	/**
	 * Fleet-wide revocation: pushed Security Event Tokens and operators' revocations.
	 */
	@NestedConfigurationProperty
	private final RevocationProperties revocation = new RevocationProperties();

	/**
	 * State shared by the instances of the service.
	 */
	@NestedConfigurationProperty
	private final SharedStateProperties sharedState = new SharedStateProperties();

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

	public JwksProperties getJwks() {
		return this.jwks;
	}

	public ScopesProperties getScopes() {
		return this.scopes;
	}

	public IntrospectionProperties getIntrospection() {
		return this.introspection;
	}

	public TokenCacheProperties getTokenCache() {
		return this.tokenCache;
	}

	public Map<String, IssuerProperties> getIssuers() {
		return this.issuers;
	}

	public StepUpProperties getStepUp() {
		return this.stepUp;
	}

	public DpopProperties getDpop() {
		return this.dpop;
	}

	public ClientCertificateProperties getClientCertificate() {
		return this.clientCertificate;
	}

	public ResourceMetadataProperties getResourceMetadata() {
		return this.resourceMetadata;
	}

	public RevocationProperties getRevocation() {
		return this.revocation;
	}

	public SharedStateProperties getSharedState() {
		return this.sharedState;
	}

	public AuditProperties getAudit() {
		return this.audit;
	}

	@Override
	public boolean supports(Class<?> type) {
		return WardenProperties.class.isAssignableFrom(type);
	}

	/**
	 * Validates the bound values once, at bind time, with {@link WardenPropertiesValidator}.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		new WardenPropertiesValidator((WardenProperties) target).validate();
	}

}
