package dev.warden.internal.jwt;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.internal.Digests;
import dev.warden.jwt.DPoPListener;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.SharedStateUnavailableException;
import dev.warden.jwt.TokenRejection;
import dev.warden.jwt.TokenRequest;

/**
 * Checks a DPoP proof (RFC 9449 §4.3) against its request and the access token it accompanies:
 * one canonical compact JWS; {@code typ} {@code dpop+jwt}; an accepted asymmetric {@code alg}; a
 * public {@code jwk} that suits it (no private key material, RSA of at least 2048 bits) and is the
 * key the token is bound to ({@code cnf.jkt}, RFC 7638); the signature; {@code htm} and
 * {@code htu} equal to the request's method and URI; {@code iat} within the accepted age; the
 * server nonce when nonces are on; {@code ath} equal to the token's hash; and a {@code jti} never
 * seen before. Cheap comparisons run before the signature, the replay record only after everything
 * else passed.
 * <p>
 * Spring Security's {@code DPoPProofJwtDecoderFactory} builds a decoder per proof, keeps used
 * {@code jti}s in a JVM-wide map of 1,000 entries that a burst evicts, compares {@code htu} as
 * text, and has no nonces; hence Warden's own.
 */
final class DPoPProofVerifier {

	private static final JOSEObjectType DPOP_TYPE = new JOSEObjectType("dpop+jwt");

	private static final int MAX_JTI_LENGTH = 256;

	private static final String PRIVATE_KEY = "The DPoP proof's key (jwk) must not contain private key material";

	private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

	private final DPoPSettings settings;

	private final DPoPListener listener;

	DPoPProofVerifier(DPoPSettings settings, DPoPListener listener) {
		this.settings = settings;
		this.listener = listener;
	}

	DPoPSettings settings() {
		return this.settings;
	}

	/**
	 * Checks the proof of a request.
	 * @param request the request
	 * @param accessToken the access token it carries
	 * @param boundKey the token's {@code cnf.jkt}
	 * @return {@code null} when the proof holds, else why not
	 */
	TokenError verify(TokenRequest request, String accessToken, String boundKey) {
		long start = System.nanoTime();
		Refusal refusal = check(request, accessToken, boundKey);
		this.listener.proofChecked((refusal != null) ? refusal.outcome : "accepted", System.nanoTime() - start);
		return (refusal != null) ? refusal.error : null;
	}

	private record Refusal(String outcome, TokenError error) {
	}

	private Refusal check(TokenRequest request, String accessToken, String boundKey) {
		List<String> proofs = request.dpopProofs();
		if (proofs.isEmpty()) {
			return refuse("missing", "The request carries no DPoP proof");
		}
		if (proofs.size() > 1) {
			return refuse("malformed", "The request carries more than one DPoP proof");
		}
		String proof = proofs.get(0);
		if (proof.length() > this.settings.maxProofLength() || !CompactJws.isCanonical(proof)) {
			return refuse("malformed", "The DPoP proof is malformed");
		}
		SignedJWT jws;
		try {
			jws = CompactJws.parse(proof, "DPoP proof", TokenRejection.INVALID_DPOP_PROOF);
		}
		catch (InvalidTokenException ex) {
			// Nimbus refuses to parse a header whose jwk holds private key material: say so
			return hasPrivateKey(proof) ? refuse("invalid_key", PRIVATE_KEY)
					: refuse("malformed", "The DPoP proof is malformed");
		}
		JWSHeader header = jws.getHeader();
		if (header.getType() == null || !DPOP_TYPE.getType().equals(header.getType().getType().toLowerCase(Locale.ROOT))) {
			return refuse("invalid_type", "The DPoP proof's type (typ) must be dpop+jwt");
		}
		JWSAlgorithm algorithm = header.getAlgorithm();
		if (!this.settings.algorithms().contains(algorithm)) {
			return refuse("invalid_algorithm", "The DPoP proof's algorithm is not accepted");
		}
		if (CompactJws.declaresCritical(jws)) {
			return refuse("malformed", "The DPoP proof has critical header parameters that are not understood");
		}
		JWK key = header.getJWK();
		if (key == null) {
			return refuse("invalid_key", "The DPoP proof carries no public key (jwk)");
		}
		if (key.isPrivate()) {
			return refuse("invalid_key", PRIVATE_KEY);
		}
		JWSVerifier verifier = verifierFor(key, algorithm);
		if (verifier == null) {
			return refuse("invalid_key", "The DPoP proof's key (jwk) does not suit its algorithm");
		}
		String thumbprint;
		try {
			thumbprint = key.computeThumbprint().toString();
		}
		catch (JOSEException | RuntimeException ex) {
			return refuse("invalid_key", "The DPoP proof's key (jwk) does not suit its algorithm");
		}
		if (!Digests.constantTimeEquals(thumbprint, boundKey)) {
			return refuse("wrong_key", "The DPoP proof's key does not match the token's binding (cnf jkt)");
		}
		try {
			if (!jws.verify(verifier)) {
				return refuse("invalid_signature", "The DPoP proof's signature is invalid");
			}
		}
		catch (JOSEException | RuntimeException ex) {
			return refuse("invalid_signature", "The DPoP proof's signature is invalid");
		}
		Map<String, Object> claims = CompactJws.isJsonObject(jws.getPayload().toString())
				? jws.getPayload().toJSONObject() : null;
		if (claims == null) {
			return refuse("malformed", "The DPoP proof's payload is not a JSON object");
		}
		Object jti = claims.get("jti");
		if (!(jti instanceof String id) || id.isEmpty() || id.length() > MAX_JTI_LENGTH) {
			return refuse("malformed", "The DPoP proof has no valid jti");
		}
		if (!(claims.get("htm") instanceof String htm) || !htm.equals(request.method())) {
			return refuse("wrong_method", "The DPoP proof's htm does not match the request method");
		}
		String htu = (claims.get("htu") instanceof String text) ? HttpUris.normalize(text) : null;
		if (htu == null || !htu.equals(HttpUris.normalize(request.uri()))) {
			return refuse("wrong_uri", "The DPoP proof's htu does not match the request URI");
		}
		Instant issuedAt;
		try {
			issuedAt = claims.containsKey("iat") ? SignedJwtVerifier.numericDate(claims, "iat") : null;
		}
		catch (InvalidTokenException ex) {
			issuedAt = null;
		}
		if (issuedAt == null) {
			return refuse("malformed", "The DPoP proof has no valid iat");
		}
		Instant now = this.settings.clock().instant();
		Duration skew = this.settings.clockSkew();
		if (now.plus(skew).isBefore(issuedAt)) {
			return refuse("stale", "The DPoP proof was issued in the future (iat)");
		}
		if (issuedAt.plus(this.settings.proofMaxAge()).plus(skew).isBefore(now)) {
			return refuse("stale", "The DPoP proof is too old (iat)");
		}
		Refusal nonce = checkNonce(request, claims.get("nonce"));
		if (nonce != null) {
			return nonce;
		}
		if (!(claims.get("ath") instanceof String ath) || !Digests.constantTimeEquals(ath, Digests.base64UrlSha256(accessToken))) {
			return refuse("wrong_ath", "The DPoP proof's ath does not match the access token");
		}
		Instant forgetAfter = issuedAt.plus(this.settings.proofMaxAge()).plus(skew).plus(skew);
		boolean firstUse;
		try {
			firstUse = this.settings.replayCache().firstUse(Digests.hexSha256(thumbprint + " " + id), forgetAfter);
		}
		catch (RuntimeException ex) {
			throw new SharedStateUnavailableException("The DPoP replay cache cannot be reached", ex);
		}
		if (!firstUse) {
			return refuse("replayed", "The DPoP proof has been used before (jti)");
		}
		return null;
	}

	private static boolean hasPrivateKey(String proof) {
		int dot = proof.indexOf('.');
		if (dot <= 0) {
			return false;
		}
		try {
			Map<String, Object> header = JSONObjectUtils.parse(new Base64URL(proof.substring(0, dot)).decodeToString());
			return header.get("jwk") instanceof Map<?, ?> jwk && PRIVATE_MEMBERS.stream().anyMatch(jwk::containsKey);
		}
		catch (ParseException | RuntimeException ex) {
			return false;
		}
	}

	private Refusal checkNonce(TokenRequest request, Object nonce) {
		DPoPNonces nonces = this.settings.nonces();
		if (nonces == null) {
			return null;
		}
		if (!(nonce instanceof String value) || !nonces.isValid(value)) {
			request.offerDPoPNonce(nonces.current());
			return new Refusal("nonce_required", new TokenError(TokenRejection.DPOP_NONCE_REQUIRED, "use_dpop_nonce",
					"The resource server requires a DPoP nonce; use the one in the DPoP-Nonce header"));
		}
		if (nonces.isStale(value)) {
			request.offerDPoPNonce(nonces.current());
		}
		return null;
	}

	private static JWSVerifier verifierFor(JWK key, JWSAlgorithm algorithm) {
		try {
			if (key instanceof RSAKey rsa && (JWSAlgorithm.Family.RSA.contains(algorithm)) && rsa.size() >= 2048) {
				return new RSASSAVerifier(rsa.toRSAPublicKey());
			}
			if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(algorithm)
					&& com.nimbusds.jose.jwk.Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve())) {
				return new ECDSAVerifier(ec.toECPublicKey());
			}
		}
		catch (JOSEException | RuntimeException ex) {
			return null;
		}
		return null;
	}

	private static Refusal refuse(String outcome, String description) {
		return new Refusal(outcome, new TokenError(TokenRejection.INVALID_DPOP_PROOF, "invalid_dpop_proof", description));
	}

}
