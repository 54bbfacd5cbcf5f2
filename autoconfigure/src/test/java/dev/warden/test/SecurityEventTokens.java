package dev.warden.test;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Real signed Security Event Tokens (RFC 8417) as a transmitter sends them, for tests of the push
 * receiver: SSF 1.0's top-level {@code sub_id} or an event's own {@code subject}, CAEP and RISC event
 * types, any header or claim a test wants to break.
 */
public final class SecurityEventTokens {

	/** CAEP session revoked. */
	public static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

	/** CAEP credential change. */
	public static final String CREDENTIAL_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";

	/** RISC account disabled. */
	public static final String ACCOUNT_DISABLED = "https://schemas.openid.net/secevent/risc/event-type/account-disabled";

	/** RISC account enabled. */
	public static final String ACCOUNT_ENABLED = "https://schemas.openid.net/secevent/risc/event-type/account-enabled";

	/** RISC account purged. */
	public static final String ACCOUNT_PURGED = "https://schemas.openid.net/secevent/risc/event-type/account-purged";

	/** RISC credential compromise. */
	public static final String CREDENTIAL_COMPROMISE = "https://schemas.openid.net/secevent/risc/event-type/credential-compromise";

	/** SSF stream verification. */
	public static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";

	private SecurityEventTokens() {
	}

	/**
	 * A SET signed with a key, from an issuer to an audience, with a fresh {@code jti} and
	 * {@code iat} now.
	 * @param key the signing key (RSA or EC, with its private part)
	 * @param issuer the {@code iss}
	 * @param audience the {@code aud}
	 * @return the builder
	 */
	public static Builder set(JWK key, String issuer, String audience) {
		return new Builder(key).claim("iss", issuer)
			.claim("aud", audience)
			.claim("jti", UUID.randomUUID().toString())
			.claim("iat", Instant.now());
	}

	/**
	 * An {@code iss_sub} subject.
	 * @param iss the issuer
	 * @param sub the subject
	 * @return the subject identifier
	 */
	public static Map<String, Object> issSub(String iss, String sub) {
		return map("format", "iss_sub", "iss", iss, "sub", sub);
	}

	/**
	 * An {@code email} subject.
	 * @param email the address
	 * @return the subject identifier
	 */
	public static Map<String, Object> email(String email) {
		return map("format", "email", "email", email);
	}

	/**
	 * A {@code jwt_id} subject.
	 * @param iss the issuer
	 * @param jti the token id
	 * @return the subject identifier
	 */
	public static Map<String, Object> jwtId(String iss, String jti) {
		return map("format", "jwt_id", "iss", iss, "jti", jti);
	}

	/**
	 * A {@code complex} subject of a user and a session, as Keycloak sends it.
	 * @param user the user's subject identifier
	 * @param session the session id ({@code ALL} for every session)
	 * @return the subject identifier
	 */
	public static Map<String, Object> userSession(Map<String, Object> user, String session) {
		return map("format", "complex", "user", user, "session", map("format", "opaque", "id", session));
	}

	/**
	 * A map of name/value pairs, in order.
	 * @param pairs names and values
	 * @return the map
	 */
	public static Map<String, Object> map(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	/** A SET under construction. */
	public static final class Builder {

		private final JWK key;

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private final Map<String, Object> events = new LinkedHashMap<>();

		private String type = "secevent+jwt";

		private Builder(JWK key) {
			this.key = key;
		}

		/**
		 * Sets a claim ({@code null} removes it).
		 * @param name the claim
		 * @param value its value
		 * @return this builder
		 */
		public Builder claim(String name, Object value) {
			if (value == null) {
				this.claims.remove(name);
			}
			else {
				this.claims.put(name, value);
			}
			return this;
		}

		/**
		 * Sets the top-level {@code sub_id}.
		 * @param subject the subject identifier
		 * @return this builder
		 */
		public Builder subject(Map<String, Object> subject) {
			return claim("sub_id", subject);
		}

		/**
		 * Adds an event.
		 * @param type the event type URI
		 * @param event the event's members
		 * @return this builder
		 */
		public Builder event(String type, Map<String, Object> event) {
			this.events.put(type, event);
			return this;
		}

		/**
		 * Adds an event that happened at a given time ({@code event_timestamp}).
		 * @param type the event type URI
		 * @param at when it happened
		 * @return this builder
		 */
		public Builder event(String type, Instant at) {
			return event(type, map("event_timestamp", at.getEpochSecond()));
		}

		/**
		 * Sets the {@code typ} header.
		 * @param type the type, or {@code null} for none
		 * @return this builder
		 */
		public Builder type(String type) {
			this.type = type;
			return this;
		}

		/**
		 * Signs the SET.
		 * @return the compact JWS
		 */
		public String sign() {
			JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
			this.claims.forEach((name, value) -> set.claim(name, (value instanceof Instant instant) ? Date.from(instant)
					: (name.equals("aud") && value instanceof String aud) ? List.of(aud) : value));
			if (!this.events.isEmpty()) {
				set.claim("events", this.events);
			}
			try {
				JWSAlgorithm algorithm = (this.key instanceof ECKey) ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
				JWSHeader header = new JWSHeader.Builder(algorithm).keyID(this.key.getKeyID())
					.type((this.type != null) ? new JOSEObjectType(this.type) : null)
					.build();
				SignedJWT jwt = new SignedJWT(header, set.build());
				jwt.sign((this.key instanceof ECKey ec) ? new ECDSASigner(ec)
						: new RSASSASigner(((RSAKey) this.key).toPrivateKey(), true));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
