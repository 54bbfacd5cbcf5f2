package dev.warden.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * Fleet-wide revocation: Security Event Tokens pushed by the authorization server (RFC 8935, SSF,
 * CAEP, RISC) and operators' revocations.
 */
public class RevocationProperties {

	/**
	 * How long a revocation is kept after its event: the longest lifetime of the access tokens this
	 * service accepts. Tokens issued before the event expire within it, so the entry is no longer
	 * needed.
	 */
	private Duration retention = Duration.ofHours(24);

	/**
	 * Most revocation entries kept; when full, the entries that would be forgotten soonest go first.
	 */
	private int maxEntries = 100_000;

	/**
	 * Receiver of pushed Security Event Tokens (RFC 8935).
	 */
	private final Push push = new Push();

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public int getMaxEntries() {
		return this.maxEntries;
	}

	public void setMaxEntries(int maxEntries) {
		this.maxEntries = maxEntries;
	}

	public Push getPush() {
		return this.push;
	}

	/**
	 * Receiver of pushed Security Event Tokens.
	 */
	public static class Push {

		/**
		 * Whether the push endpoint is served: transmitters POST Security Event Tokens to it.
		 */
		private boolean enabled = false;

		/**
		 * Path of the push endpoint.
		 */
		private String path = "/ssf/events";

		/**
		 * Issuer of a transmitter other than the trusted issuers, whose SETs are accepted too (its
		 * keys at jwks-uri). Unset: only the trusted issuers transmit, with their own keys.
		 */
		private String issuer;

		/**
		 * JWK set of the transmitter named by issuer.
		 */
		private URI jwksUri;

		/**
		 * Audiences a SET may name for this receiver. Empty: the service's audiences
		 * (warden.audiences and each issuer's).
		 */
		private List<String> audiences = new ArrayList<>();

		/**
		 * Exact Authorization header value a transmitter must send, e.g. 'Bearer s3cret'. Unset: SETs
		 * are authenticated by their signature only.
		 */
		private String authorization;

		/**
		 * Largest SET accepted.
		 */
		private DataSize maxSize = DataSize.ofKilobytes(64);

		/**
		 * Whether Warden registers its push stream with the transmitter (SSF 1.0 receiver-initiated
		 * stream management), with public-url and the receiver client.
		 */
		private boolean register = false;

		/**
		 * Public URL of this service's push endpoint, as the transmitter reaches it, e.g.
		 * https://orders.example.com/ssf/events. A URL without a path gets the push path appended.
		 * Never guessed from request headers.
		 */
		private URI publicUrl;

		/**
		 * Name of the trusted issuer that transmits (default: the issuer named default, else the only
		 * one).
		 */
		private String transmitter;

		/**
		 * Receiver client that manages the stream (client credentials).
		 */
		private String clientId;

		/**
		 * Secret of the receiver client.
		 */
		private String clientSecret;

		/**
		 * Scope the receiver client asks for to manage its stream.
		 */
		private String scope = "ssf.manage";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
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

		public String getAuthorization() {
			return this.authorization;
		}

		public void setAuthorization(String authorization) {
			this.authorization = authorization;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public boolean isRegister() {
			return this.register;
		}

		public void setRegister(boolean register) {
			this.register = register;
		}

		public URI getPublicUrl() {
			return this.publicUrl;
		}

		public void setPublicUrl(URI publicUrl) {
			this.publicUrl = publicUrl;
		}

		public String getTransmitter() {
			return this.transmitter;
		}

		public void setTransmitter(String transmitter) {
			this.transmitter = transmitter;
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

		public String getScope() {
			return this.scope;
		}

		public void setScope(String scope) {
			this.scope = scope;
		}

	}

}
