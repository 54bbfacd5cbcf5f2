package dev.warden.internal.jwt;

import java.security.Key;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The Java key, fingerprint and verifier of each published JWK, prepared once per fetched key set
 * rather than on every token (Nimbus's key selector converts JWKs to Java keys on every call).
 * Looked up by the identity of the JWK objects the key cache hands out.
 */
final class PreparedKeys {

	/**
	 * A key ready to verify.
	 *
	 * @param key the Java public key
	 * @param fingerprint its fingerprint
	 * @param verifier its verifier, or {@code null} for a key type Warden does not verify with
	 */
	record Prepared(Key key, String fingerprint, JWSVerifier verifier) {
	}

	private volatile Map<JWK, Prepared> current = Map.of();

	void replace(List<JWK> keys) {
		Map<JWK, Prepared> prepared = new IdentityHashMap<>();
		for (JWK key : keys) {
			Prepared one = prepare(key);
			if (one != null) {
				prepared.put(key, one);
			}
		}
		this.current = Collections.unmodifiableMap(prepared);
	}

	Prepared get(JWK key) {
		Prepared prepared = this.current.get(key);
		return (prepared != null) ? prepared : prepare(key);
	}

	static Prepared prepare(JWK key) {
		try {
			if (key instanceof RSAKey rsa) {
				Key publicKey = rsa.toRSAPublicKey();
				return new Prepared(publicKey, KeyFingerprint.of(publicKey), new RSASSAVerifier(rsa.toRSAPublicKey()));
			}
			if (key instanceof ECKey ec) {
				Key publicKey = ec.toECPublicKey();
				return new Prepared(publicKey, KeyFingerprint.of(publicKey), new ECDSAVerifier(ec.toECPublicKey()));
			}
		}
		catch (JOSEException | RuntimeException ex) {
			// a key that cannot become a Java key cannot verify anything
		}
		return null;
	}

}
