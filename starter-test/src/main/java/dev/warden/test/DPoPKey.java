package dev.warden.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * A client's DPoP key (RFC 9449): binds tokens to itself ({@link TestToken#boundTo(DPoPKey)})
 * and signs the proof each request carries. For example:
 * <pre>{@code
 * DPoPKey key = DPoPKey.ec();
 * String token = issuer.token().scopes("orders:read").boundTo(key).sign();
 * String proof = key.proof("GET", "http://localhost:" + port + "/api/orders", token);
 * // send: Authorization: DPoP <token>, DPoP: <proof>
 * }</pre>
 */
public final class DPoPKey {

	private final JWK key;

	private final JWSAlgorithm algorithm;

	private DPoPKey(JWK key, JWSAlgorithm algorithm) {
		this.key = key;
		this.algorithm = algorithm;
	}

	/**
	 * A new P-256 key (ES256), the usual choice.
	 * @return the key
	 */
	public static DPoPKey ec() {
		try {
			return new DPoPKey(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A new 2048-bit RSA key (PS256).
	 * @return the key
	 */
	public static DPoPKey rsa() {
		try {
			return new DPoPKey(new RSAKeyGenerator(2048).generate(), JWSAlgorithm.PS256);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The RFC 7638 thumbprint of the public key: a bound token's {@code cnf.jkt}.
	 * @return the thumbprint
	 */
	public String thumbprint() {
		try {
			return this.key.computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The key, private part included.
	 * @return the JWK
	 */
	public JWK jwk() {
		return this.key;
	}

	/**
	 * A proof for one request.
	 * @param method the request method
	 * @param uri the request URI (query and fragment are dropped)
	 * @param accessToken the access token it accompanies
	 * @return the signed proof
	 */
	public String proof(String method, String uri, String accessToken) {
		return proof().method(method).uri(uri).accessToken(accessToken).sign();
	}

	/**
	 * A proof to adjust, for tests of what a server refuses.
	 * @return the proof under construction
	 */
	public Proof proof() {
		return new Proof();
	}

	/** A DPoP proof under construction: every part can be set wrong on purpose. */
	public final class Proof {

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private final Map<String, Object> headers = new LinkedHashMap<>();

		private String type = "dpop+jwt";

		private JWSAlgorithm algorithm = DPoPKey.this.algorithm;

		private JWSAlgorithm signingAlgorithm = DPoPKey.this.algorithm;

		private JWK headerKey = DPoPKey.this.key.toPublicJWK();

		private JWK signingKey = DPoPKey.this.key;

		private Proof() {
			this.claims.put("jti", UUID.randomUUID().toString());
			this.claims.put("iat", Instant.now().getEpochSecond());
		}

		/**
		 * Sets {@code htm}.
		 * @param method the method
		 * @return this proof
		 */
		public Proof method(String method) {
			return claim("htm", method);
		}

		/**
		 * Sets {@code htu} (query and fragment dropped, as RFC 9449 asks).
		 * @param uri the URI
		 * @return this proof
		 */
		public Proof uri(String uri) {
			URI parsed = URI.create(uri);
			String htu = parsed.getScheme() + "://" + parsed.getRawAuthority()
					+ ((parsed.getRawPath() != null) ? parsed.getRawPath() : "");
			return claim("htu", htu);
		}

		/**
		 * Sets {@code ath}, the hash of the access token.
		 * @param accessToken the token
		 * @return this proof
		 */
		public Proof accessToken(String accessToken) {
			return claim("ath", hash(accessToken));
		}

		/**
		 * Sets {@code iat}.
		 * @param issuedAt the time
		 * @return this proof
		 */
		public Proof issuedAt(Instant issuedAt) {
			return claim("iat", issuedAt.getEpochSecond());
		}

		/**
		 * Sets {@code jti}.
		 * @param jti the id
		 * @return this proof
		 */
		public Proof jti(String jti) {
			return claim("jti", jti);
		}

		/**
		 * Sets {@code nonce}.
		 * @param nonce the server's nonce
		 * @return this proof
		 */
		public Proof nonce(String nonce) {
			return claim("nonce", nonce);
		}

		/**
		 * Sets or, with {@code null}, removes a claim.
		 * @param name the claim
		 * @param value the value
		 * @return this proof
		 */
		public Proof claim(String name, Object value) {
			if (value == null) {
				this.claims.remove(name);
			}
			else {
				this.claims.put(name, value);
			}
			return this;
		}

		/**
		 * Sets the {@code typ} header.
		 * @param type the type, or {@code null} for none
		 * @return this proof
		 */
		public Proof type(String type) {
			this.type = type;
			return this;
		}

		/**
		 * Declares another algorithm in the header; the proof is still signed with the key's own.
		 * @param algorithm the algorithm named in the header
		 * @return this proof
		 */
		public Proof algorithm(JWSAlgorithm algorithm) {
			this.algorithm = algorithm;
			return this;
		}

		/**
		 * Puts the private key in the {@code jwk} header, which a server must refuse.
		 * @return this proof
		 */
		public Proof withPrivateKeyInHeader() {
			this.headerKey = DPoPKey.this.key;
			return this;
		}

		/**
		 * Leaves out the {@code jwk} header.
		 * @return this proof
		 */
		public Proof withoutKey() {
			this.headerKey = null;
			return this;
		}

		/**
		 * Names another key in the {@code jwk} header and signs with it.
		 * @param other the other key
		 * @return this proof
		 */
		public Proof signedBy(DPoPKey other) {
			this.headerKey = other.key.toPublicJWK();
			this.signingKey = other.key;
			this.algorithm = other.algorithm;
			this.signingAlgorithm = other.algorithm;
			return this;
		}

		/**
		 * Adds a header parameter.
		 * @param name the parameter
		 * @param value its value
		 * @return this proof
		 */
		public Proof header(String name, Object value) {
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Signs the proof.
		 * @return the compact JWS
		 */
		public String sign() {
			try {
				// written by hand: Nimbus would refuse to write some of the headers tests need
				Map<String, Object> header = new LinkedHashMap<>();
				header.put("alg", this.algorithm.getName());
				if (this.type != null) {
					header.put("typ", this.type);
				}
				if (this.headerKey != null) {
					header.put("jwk", this.headerKey.toJSONObject());
				}
				header.putAll(this.headers);
				String signingInput = Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
						+ Base64URL.encode(JSONObjectUtils.toJSONString(this.claims));
				JWSSigner signer = (this.signingKey instanceof ECKey ec) ? new ECDSASigner(ec)
						: new RSASSASigner(((RSAKey) this.signingKey).toPrivateKey(), true);
				Base64URL signature = signer.sign(new JWSHeader(this.signingAlgorithm),
						signingInput.getBytes(StandardCharsets.US_ASCII));
				return signingInput + "." + signature;
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * The unpadded base64url SHA-256 of a text (RFC 9449 {@code ath}).
	 * @param text the text
	 * @return the hash
	 */
	public static String hash(String text) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
