package dev.warden.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A token under construction, from {@link WardenTestIssuer#token()}: real claims, signed by the
 * issuer's key unless a test says otherwise.
 */
public final class TestToken {

	private final WardenTestIssuer issuer;

	private final Map<String, Object> claims = new LinkedHashMap<>();

	private JWSAlgorithm algorithm = JWSAlgorithm.RS256;

	private String keyId;

	private JOSEObjectType type = new JOSEObjectType("at+jwt");

	private JWK signingKey;

	TestToken(WardenTestIssuer issuer) {
		this.issuer = issuer;
	}

	/**
	 * Sets a claim.
	 * @param name the claim
	 * @param value its value (any JSON-compatible value; {@code null} is sent as JSON null — use
	 * {@link #without(String)} to leave a claim out)
	 * @return this token
	 */
	public TestToken claim(String name, Object value) {
		this.claims.put(name, value);
		return this;
	}

	/**
	 * Removes a claim.
	 * @param name the claim
	 * @return this token
	 */
	public TestToken without(String name) {
		this.claims.remove(name);
		return this;
	}

	/**
	 * Sets the {@code scope} claim.
	 * @param scopes the scopes, joined with spaces
	 * @return this token
	 */
	public TestToken scopes(String... scopes) {
		return claim("scope", String.join(" ", scopes));
	}

	/**
	 * Sets {@code sub}.
	 * @param subject the subject
	 * @return this token
	 */
	public TestToken subject(String subject) {
		return claim("sub", subject);
	}

	/**
	 * Sets {@code client_id}.
	 * @param clientId the client
	 * @return this token
	 */
	public TestToken clientId(String clientId) {
		return claim("client_id", clientId);
	}

	/**
	 * Sets {@code aud}.
	 * @param audience the audience
	 * @return this token
	 */
	public TestToken audience(String audience) {
		return claim("aud", audience);
	}

	/**
	 * Sets {@code exp} this long from now.
	 * @param lifetime the lifetime (negative for an expired token)
	 * @return this token
	 */
	public TestToken expiresIn(Duration lifetime) {
		return expiresAt(Instant.now().plus(lifetime));
	}

	/**
	 * Sets {@code exp}.
	 * @param instant the expiry
	 * @return this token
	 */
	public TestToken expiresAt(Instant instant) {
		return claim("exp", instant.getEpochSecond());
	}

	/**
	 * Sets {@code nbf}.
	 * @param instant the start of validity
	 * @return this token
	 */
	public TestToken notBefore(Instant instant) {
		return claim("nbf", instant.getEpochSecond());
	}

	/**
	 * Sets {@code iat}.
	 * @param instant the issue time
	 * @return this token
	 */
	public TestToken issuedAt(Instant instant) {
		return claim("iat", instant.getEpochSecond());
	}

	/**
	 * Sets {@code acr}, the authentication context class of the sign-in (e.g. {@code mfa}).
	 * @param acr the level
	 * @return this token
	 */
	public TestToken acr(String acr) {
		return claim("acr", acr);
	}

	/**
	 * Sets {@code auth_time}, when the user signed in.
	 * @param instant the time of the sign-in
	 * @return this token
	 */
	public TestToken authTime(Instant instant) {
		return claim("auth_time", instant.getEpochSecond());
	}

	/**
	 * Binds the token to a DPoP key ({@code cnf.jkt}, RFC 9449): it is then accepted only with
	 * the {@code DPoP} scheme and a proof signed by that key.
	 * @param key the client's key
	 * @return this token
	 */
	public TestToken boundTo(DPoPKey key) {
		return confirmation("jkt", key.thumbprint());
	}

	/**
	 * Binds the token to a client certificate ({@code cnf.x5t#S256}, RFC 8705): it is then
	 * accepted only on a request that presents that certificate.
	 * @param certificate the client's certificate
	 * @return this token
	 */
	public TestToken boundTo(java.security.cert.X509Certificate certificate) {
		return confirmation("x5t#S256", TestCertificates.thumbprint(certificate));
	}

	@SuppressWarnings("unchecked")
	private TestToken confirmation(String member, String value) {
		Map<String, Object> cnf = (this.claims.get("cnf") instanceof Map<?, ?> existing)
				? new LinkedHashMap<>((Map<String, Object>) existing) : new LinkedHashMap<>();
		cnf.put(member, value);
		return claim("cnf", cnf);
	}

	/**
	 * Signs with the EC key (ES256).
	 * @return this token
	 */
	public TestToken es256() {
		this.algorithm = JWSAlgorithm.ES256;
		return this;
	}

	/**
	 * Sets the JWS algorithm.
	 * @param algorithm the algorithm
	 * @return this token
	 */
	public TestToken algorithm(JWSAlgorithm algorithm) {
		this.algorithm = algorithm;
		return this;
	}

	/**
	 * Sets the {@code kid} header.
	 * @param keyId the key id
	 * @return this token
	 */
	public TestToken keyId(String keyId) {
		this.keyId = keyId;
		return this;
	}

	/**
	 * Sets the {@code typ} header.
	 * @param type the type, or {@code null} for none
	 * @return this token
	 */
	public TestToken type(String type) {
		this.type = (type != null) ? new JOSEObjectType(type) : null;
		return this;
	}

	/**
	 * Signs with another key (e.g. an attacker's).
	 * @param key the key, with its private part
	 * @return this token
	 */
	public TestToken signedWith(JWK key) {
		this.signingKey = key;
		return this;
	}

	/**
	 * Signs the token.
	 * @return the compact JWS
	 */
	public String sign() {
		try {
			JWK key = (this.signingKey != null) ? this.signingKey
					: (JWSAlgorithm.Family.EC.contains(this.algorithm) ? this.issuer.ecKey() : this.issuer.rsaKey());
			JWSSigner signer = (key instanceof ECKey ec) ? new ECDSASigner(ec)
					: new RSASSASigner(((RSAKey) key).toPrivateKey(), true);
			JWSHeader header = new JWSHeader.Builder(this.algorithm)
				.keyID((this.keyId != null) ? this.keyId : key.getKeyID())
				.type(this.type)
				.build();
			// a claim set to null is sent as JSON null (tests of claims of the wrong type need it)
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().serializeNullClaims(true);
			this.claims.forEach((name, value) -> claims.claim(name, (value instanceof Instant i) ? Date.from(i) : value));
			SignedJWT jwt = new SignedJWT(header, claims.build());
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
