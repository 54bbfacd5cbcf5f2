package dev.warden.internal.jwt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.internal.NumericDates;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.JwksUnavailableException;
import dev.warden.jwt.TokenRejection;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What must hold before anything in a token can be trusted, in this order: size; one canonical
 * compact JWS spelling; an accepted {@code alg}; no {@code crit}; not nested; a JSON object
 * payload; a key of the issuer's JWKS (by {@code kid}, never from the token's own {@code jku},
 * {@code x5u}, {@code jwk} or {@code x5c}) whose signature verifies. Then the claims become a
 * {@link Jwt}: {@code exp}, {@code nbf} and {@code iat} must be NumericDates in range, and every
 * nested value is frozen (a cached {@code Jwt} is shared by every request that carries the token).
 * No claim is judged here: that is the validators' work.
 */
final class SignedJwtVerifier {

	private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

	private final Set<JWSAlgorithm> algorithms;

	private final int maxTokenLength;

	private final JWKSource<SecurityContext> keys;

	private final JwksStatus jwksStatus;

	private final TimestampValidator times;

	SignedJwtVerifier(Set<JWSAlgorithm> algorithms, int maxTokenLength, JWKSource<SecurityContext> keys,
			JwksStatus jwksStatus, TimestampValidator times) {
		this.algorithms = Set.copyOf(algorithms);
		this.maxTokenLength = maxTokenLength;
		this.keys = keys;
		this.jwksStatus = jwksStatus;
		this.times = times;
	}

	/** A token whose signature verified, and the fingerprint of the key that verified it. */
	record Verified(Jwt jwt, String keyFingerprint) {
	}

	int maxTokenLength() {
		return this.maxTokenLength;
	}

	JwksStatus jwksStatus() {
		return this.jwksStatus;
	}

	Verified verify(String token) {
		if (token == null || token.isEmpty()) {
			throw invalid(TokenRejection.MALFORMED, "The access token is empty");
		}
		if (token.length() > this.maxTokenLength) {
			throw invalid(TokenRejection.MALFORMED, "The access token is too large");
		}
		if (!CompactJws.isCanonical(token)) {
			// one token, one spelling: padding, other alphabets or stray characters would let the
			// same signature pass under many texts (and defeat anything keyed by the token text)
			throw invalid(TokenRejection.MALFORMED, "The access token is malformed");
		}
		SignedJWT jws = CompactJws.parse(token, "access token", TokenRejection.MALFORMED);
		JWSHeader header = jws.getHeader();
		if (!this.algorithms.contains(header.getAlgorithm())) {
			throw invalid(TokenRejection.INVALID_SIGNATURE, "The token's signing algorithm is not accepted");
		}
		if (CompactJws.declaresCritical(jws)) {
			// Warden understands no extension, and RFC 7515 forbids an empty list
			throw invalid(TokenRejection.MALFORMED, "The token has critical header parameters that are not understood");
		}
		if (header.getContentType() != null && header.getContentType().equalsIgnoreCase("JWT")) {
			throw invalid(TokenRejection.MALFORMED, "Nested tokens are not accepted");
		}
		Map<String, Object> claims = CompactJws.isJsonObject(jws.getPayload().toString())
				? jws.getPayload().toJSONObject() : null;
		if (claims == null) {
			throw invalid(TokenRejection.MALFORMED, "The token's payload is not a JSON object");
		}
		PreparedKeys.Prepared key = verifySignature(jws, header);
		return new Verified(toJwt(token, header, claims), key.fingerprint());
	}

	/**
	 * Keeps the key set current for a token verified earlier: hits of the verified-token cache
	 * never look keys up, so removed keys would otherwise keep their tokens alive.
	 * @param keyFingerprint the fingerprint of the key that verified the token
	 * @return whether that key is still published
	 */
	boolean stillPublished(String keyFingerprint) {
		if (this.jwksStatus.snapshot().lastSuccess() == null) {
			// a key source of the application's own, which does not report its key sets: trust it
			return true;
		}
		if (this.jwksStatus.refreshDue()) {
			try {
				this.keys.get(ANY_KEY, null);
			}
			catch (KeySourceException ex) {
				if (!this.jwksStatus.hasUsableKeys()) {
					throw new JwksUnavailableException("The issuer's keys are unavailable", ex);
				}
			}
		}
		return this.jwksStatus.snapshot().keyFingerprints().contains(keyFingerprint);
	}

	private PreparedKeys.Prepared verifySignature(SignedJWT jws, JWSHeader header) {
		List<JWK> candidates;
		try {
			candidates = this.keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
		}
		catch (RateLimitReachedException ex) {
			if (this.jwksStatus.hasUsableKeys()) {
				throw invalid(TokenRejection.UNKNOWN_KEY, "No key of the issuer matches the token");
			}
			throw new JwksUnavailableException("The issuer's keys are unavailable", ex);
		}
		catch (KeySourceException ex) {
			throw new JwksUnavailableException("The issuer's keys are unavailable", ex);
		}
		if (candidates.isEmpty()) {
			throw invalid(TokenRejection.UNKNOWN_KEY, "No key of the issuer matches the token");
		}
		for (JWK candidate : candidates) {
			PreparedKeys.Prepared prepared = this.jwksStatus.preparedKeys().get(candidate);
			if (prepared == null || prepared.verifier() == null) {
				continue;
			}
			try {
				if (jws.verify(prepared.verifier())) {
					return prepared;
				}
			}
			catch (JOSEException | RuntimeException ex) {
				// a key of the wrong type or size for this algorithm: try the next one
			}
		}
		throw invalid(TokenRejection.INVALID_SIGNATURE, "The token's signature is invalid");
	}

	private Jwt toJwt(String token, JWSHeader header, Map<String, Object> claims) {
		Map<String, Object> converted = new LinkedHashMap<>(claims);
		converted.replaceAll((name, value) -> frozen(value));
		// a JSON null exp counts as no expiry (nbf and iat of null are malformed)
		Instant expiresAt = (claims.get("exp") != null) ? numericDate(claims, "exp") : null;
		Instant notBefore = numericDate(claims, "nbf");
		Instant issuedAt = numericDate(claims, "iat");
		if (expiresAt != null && issuedAt != null && !expiresAt.isAfter(issuedAt)) {
			// a Jwt cannot hold such times: answer now, as the time check would
			throw this.times.check(expiresAt, notBefore, issuedAt).toException();
		}
		putIfPresent(converted, "exp", expiresAt);
		putIfPresent(converted, "nbf", notBefore);
		putIfPresent(converted, "iat", issuedAt);
		if (claims.get("aud") instanceof String single) {
			converted.put("aud", List.of(single));
		}
		try {
			return Jwt.withTokenValue(token)
				.headers((headers) -> headers.putAll(header.toJSONObject()))
				.claims((values) -> values.putAll(converted))
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw invalid(TokenRejection.MALFORMED, "The token's claims are not well formed");
		}
	}

	private static void putIfPresent(Map<String, Object> claims, String name, Instant instant) {
		if (instant != null) {
			claims.put(name, instant);
		}
	}

	/**
	 * Reads a NumericDate claim (RFC 7519): a non-negative number of seconds, fractions kept, up to
	 * the year 9999.
	 * @param claims the claims
	 * @param name the claim
	 * @return the instant, or {@code null} when the claim is absent
	 * @throws InvalidTokenException when it is present but not such a number (JSON {@code null} included)
	 */
	static Instant numericDate(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		if (value == null) {
			if (claims.containsKey(name)) {
				throw invalid(TokenRejection.MALFORMED, "The token's " + name + " is not a number");
			}
			return null;
		}
		try {
			return NumericDates.parse(value);
		}
		catch (NumericDates.InvalidNumericDate ex) {
			throw invalid(TokenRejection.MALFORMED, "The token's " + name + switch (ex.problem()) {
				case NOT_A_NUMBER -> " is not a number";
				case OUT_OF_RANGE -> " is out of range";
				case NOT_A_DATE -> " is not a valid date";
			});
		}
	}

	/**
	 * A read-only deep copy of a claim value: a cached {@code Jwt} is shared by every request that
	 * carries the token, so nested lists and objects must not be changeable by one of them.
	 */
	static Object frozen(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, nested) -> copy.put(key, frozen(nested)));
			return Collections.unmodifiableMap(copy);
		}
		if (value instanceof Collection<?> collection) {
			List<Object> copy = new ArrayList<>(collection.size());
			collection.forEach((nested) -> copy.add(frozen(nested)));
			return Collections.unmodifiableList(copy);
		}
		return value;
	}

	private static InvalidTokenException invalid(TokenRejection reason, String description) {
		return new InvalidTokenException(reason, description);
	}

}
