package dev.warden.autoconfigure;

import java.net.URI;
import java.time.Duration;

import dev.warden.introspection.ClientAuthentication;
import dev.warden.introspection.FailurePolicy;

import org.springframework.util.unit.DataSize;

/**
 * Live token checks against the authorization server's introspection endpoint (RFC 7662).
 */
public class IntrospectionProperties {

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
	private ClientAuthentication clientAuthentication = ClientAuthentication.CLIENT_SECRET_BASIC;

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
	private FailurePolicy onFailure = FailurePolicy.DENY;

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

	public ClientAuthentication getClientAuthentication() {
		return this.clientAuthentication;
	}

	public void setClientAuthentication(ClientAuthentication clientAuthentication) {
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

	public FailurePolicy getOnFailure() {
		return this.onFailure;
	}

	public void setOnFailure(FailurePolicy onFailure) {
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
