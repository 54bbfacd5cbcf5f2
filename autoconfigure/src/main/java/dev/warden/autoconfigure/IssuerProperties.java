package dev.warden.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * One more trusted authorization server, under {@code warden.issuers.<name>.*}. Settings left unset
 * take the values of {@code warden.*}: {@code clock-skew}, {@code algorithms}, {@code jwks.*},
 * {@code scopes.claims}, {@code scopes.delimiters} and {@code introspection.*}.
 */
public class IssuerProperties {

	/**
	 * Issuer that tokens of this authorization server name in their iss claim, compared exactly.
	 */
	private String issuer;

	/**
	 * Location of its JWK set. When unset, it is discovered from the issuer's metadata.
	 */
	private URI jwksUri;

	/**
	 * Audiences accepted for its tokens: a token's aud claim must contain at least one of them.
	 */
	private List<String> audiences = new ArrayList<>();

	/**
	 * Whether to accept its tokens for any audience when its audiences are empty. Not recommended.
	 */
	private boolean allowAnyAudience = false;

	/**
	 * Clock skew for its tokens. Unset: warden.clock-skew.
	 */
	private Duration clockSkew;

	/**
	 * JWS algorithms accepted from it. Unset: warden.algorithms.
	 */
	private List<String> algorithms;

	/**
	 * Its JWK set retrieval and caching. Unset values: warden.jwks.*.
	 */
	@NestedConfigurationProperty
	private final JwksProperties jwks = new JwksProperties();

	/**
	 * How its tokens carry scopes. Unset values: warden.scopes.claims and warden.scopes.delimiters.
	 */
	@NestedConfigurationProperty
	private final IssuerScopesProperties scopes = new IssuerScopesProperties();

	/**
	 * Live checks at its own introspection endpoint, with its own client. Unset tuning values (timeouts,
	 * cache, on-failure, enabled): warden.introspection.*; its uri, client-id, client-secret and
	 * accept-opaque-tokens are never taken from there.
	 */
	@NestedConfigurationProperty
	private final IntrospectionProperties introspection = new IntrospectionProperties();

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

	public JwksProperties getJwks() {
		return this.jwks;
	}

	public IssuerScopesProperties getScopes() {
		return this.scopes;
	}

	public IntrospectionProperties getIntrospection() {
		return this.introspection;
	}

	/**
	 * How one issuer's tokens carry scopes.
	 */
	public static class IssuerScopesProperties {

		/**
		 * Claims that carry scopes in its tokens, in order. Unset: warden.scopes.claims.
		 */
		private List<String> claims;

		/**
		 * Characters that separate scopes in its tokens. Unset: warden.scopes.delimiters.
		 */
		private String delimiters;

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

	}

}
