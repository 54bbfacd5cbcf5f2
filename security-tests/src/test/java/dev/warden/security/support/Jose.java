package dev.warden.security.support;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.warden.test.TestIssuer;

/**
 * Builds tokens byte by byte, the way an attacker (or tools such as jwt_tool) does: any header
 * JSON, any payload bytes, any signature. Nothing here validates anything.
 */
public final class Jose {

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private Jose() {
	}

	public static String b64(byte[] bytes) {
		return URL.encodeToString(bytes);
	}

	public static String b64(String utf8) {
		return b64(utf8.getBytes(StandardCharsets.UTF_8));
	}

	public static byte[] unb64(String segment) {
		return Base64.getUrlDecoder().decode(segment);
	}

	public static String json(Map<String, ?> members) {
		return JSONObjectUtils.toJSONString(new LinkedHashMap<>(members));
	}

	/** The segments of a compact token, keeping empty ones. */
	public static String[] segments(String token) {
		return token.split("\\.", -1);
	}

	/** Claims of a valid access token of the issuer for {@link TestIssuer#AUDIENCE}, granting {@code scope}. */
	public static Map<String, Object> claims(TestIssuer issuer, String scope) {
		long now = Instant.now().getEpochSecond();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", issuer.issuer());
		claims.put("aud", TestIssuer.AUDIENCE);
		claims.put("sub", "alice");
		claims.put("iat", now);
		claims.put("exp", now + 300);
		claims.put("jti", UUID.randomUUID().toString());
		if (scope != null) {
			claims.put("scope", scope);
		}
		return claims;
	}

	/** An RS256 header naming the issuer's current RSA key. */
	public static String rs256Header(TestIssuer issuer) {
		return "{\"alg\":\"RS256\",\"kid\":\"" + issuer.rsaKey().getKeyID() + "\",\"typ\":\"at+jwt\"}";
	}

	/** {@code b64(header).b64(payload)}. */
	public static String signingInput(String headerJson, String payloadJson) {
		return b64(headerJson) + "." + b64(payloadJson);
	}

	/** Signs any header and payload text with an RSA private key (RS256/384/512). */
	public static String rsa(String jcaAlgorithm, PrivateKey key, String headerJson, String payloadJson) {
		String input = signingInput(headerJson, payloadJson);
		return input + "." + b64(sign(jcaAlgorithm, key, input.getBytes(StandardCharsets.US_ASCII)));
	}

	/** Signs any header and payload text with the issuer's RSA key (RS256): a token the issuer "minted". */
	public static String issuerSigned(TestIssuer issuer, String headerJson, String payloadJson) {
		return rsa("SHA256withRSA", privateKey(issuer.rsaKey()), headerJson, payloadJson);
	}

	/** Issuer-signed (RS256, the issuer's kid) token over raw payload bytes. */
	public static String issuerSignedBytes(TestIssuer issuer, String headerJson, byte[] payload) {
		String input = b64(headerJson) + "." + b64(payload);
		return input + "." + b64(sign("SHA256withRSA", privateKey(issuer.rsaKey()), input.getBytes(StandardCharsets.US_ASCII)));
	}

	/** Issuer-signed token with these claims (RS256, the issuer's kid, typ at+jwt). */
	public static String issuerSigned(TestIssuer issuer, Map<String, ?> claims) {
		return issuerSigned(issuer, rs256Header(issuer), json(claims));
	}

	/** Signs with ES256 in the JWS (IEEE P1363, r||s) format. */
	public static String es256(ECKey key, String headerJson, String payloadJson) {
		String input = signingInput(headerJson, payloadJson);
		try {
			return input + "." + b64(sign("SHA256withECDSAinP1363Format", key.toECPrivateKey(),
					input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An HMAC "signature" keyed with arbitrary bytes (e.g. the issuer's public key). */
	public static String hmac(String jwsAlgorithm, byte[] secret, String headerJson, String payloadJson) {
		String jca = switch (jwsAlgorithm) {
			case "HS256" -> "HmacSHA256";
			case "HS384" -> "HmacSHA384";
			case "HS512" -> "HmacSHA512";
			default -> throw new IllegalArgumentException(jwsAlgorithm);
		};
		String input = signingInput(headerJson, payloadJson);
		try {
			Mac mac = Mac.getInstance(jca);
			mac.init(new SecretKeySpec(secret, jca));
			return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static byte[] sign(String jcaAlgorithm, PrivateKey key, byte[] input) {
		try {
			Signature signature = Signature.getInstance(jcaAlgorithm);
			signature.initSign(key);
			signature.update(input);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static PrivateKey privateKey(RSAKey key) {
		try {
			return key.toPrivateKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The order n of the P-256 group (FIPS 186-4, D.1.2.3). */
	public static final BigInteger P256_ORDER = new BigInteger(
			"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

	/** A fixed-width (32-byte) big-endian encoding, as in a JWS ECDSA signature. */
	public static byte[] fixed32(BigInteger value) {
		byte[] raw = value.toByteArray();
		byte[] out = new byte[32];
		int copy = Math.min(raw.length, 32);
		System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
		return out;
	}

	public static byte[] concat(byte[] a, byte[] b) {
		byte[] out = new byte[a.length + b.length];
		System.arraycopy(a, 0, out, 0, a.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	/** Raw DEFLATE (RFC 1951), as JWE "zip":"DEF" uses. */
	public static byte[] deflate(byte[] input) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		deflater.setInput(input);
		deflater.finish();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		while (!deflater.finished()) {
			int n = deflater.deflate(buffer);
			out.write(buffer, 0, n);
		}
		deflater.end();
		return out.toByteArray();
	}

	/** The attacker's own key pair and self-signed certificate (test resources), for x5c/x5u/jwk attacks. */
	public static final class Attacker {

		public final PrivateKey privateKey;

		public final X509Certificate certificate;

		public Attacker() {
			try {
				String pem = resource("/attacker/attacker-key.pk8.pem");
				byte[] der = Base64.getMimeDecoder()
					.decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
				this.privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
				this.certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
					.generateCertificate(Jose.class.getResourceAsStream("/attacker/attacker-cert.pem"));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public RSAKey publicJwk(String kid) {
			return new RSAKey.Builder((java.security.interfaces.RSAPublicKey) this.certificate.getPublicKey())
				.keyID(kid)
				.build();
		}

		public String x5c() {
			try {
				return Base64.getEncoder().encodeToString(this.certificate.getEncoded());
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public String sign(String headerJson, String payloadJson) {
			return rsa("SHA256withRSA", this.privateKey, headerJson, payloadJson);
		}

		private static String resource(String name) {
			try (var in = Jose.class.getResourceAsStream(name)) {
				return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
