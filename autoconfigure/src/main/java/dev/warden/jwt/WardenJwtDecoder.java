package dev.warden.jwt;

import java.math.BigDecimal;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Warden's token pipeline, in this order: compact JWS only; an accepted {@code alg} and a key from
 * the issuer's JWKS by {@code kid}; the signature; {@code iss}; {@code aud}; {@code exp}
 * (required), {@code nbf} and {@code iat} with one clock-skew rule; {@code typ}.
 * <p>
 * Refusals are {@link InvalidTokenException}s (401) whose descriptions never contain token text;
 * a key set that cannot be fetched while nothing usable is cached is a
 * {@link JwksUnavailableException} (503). Keys come only from the JWKS: the token's own
 * {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} headers are never used.
 */
public final class WardenJwtDecoder implements JwtDecoder {

	/** Latest NumericDate accepted: 9999-12-31T23:59:59Z. */
	private static final long MAX_NUMERIC_DATE = 253402300799L;

	private static final Set<String> STRICT_TYPES = Set.of("at+jwt", "application/at+jwt");

	private static final Set<String> LENIENT_TYPES = Set.of("at+jwt", "application/at+jwt", "jwt");

	private static final List<String> RFC9068_CLAIMS = List.of("iss", "exp", "aud", "sub", "client_id", "iat", "jti");

	private final TokenValidationSettings settings;


	private final JwksStatus jwksStatus;


	private final VerifiedTokenCache cache;

	private final JWKSource<SecurityContext> keys;

	private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

	private final TokenValidationListener listener;

	/**
	 * Creates a decoder without a verified-token cache.
	 * @param settings what tokens must satisfy
	 * @param keys the issuer's keys
	 * @param jwksStatus the key set's status, to tell an unknown key from an outage
	 */
	public WardenJwtDecoder(TokenValidationSettings settings, JWKSource<SecurityContext> keys, JwksStatus jwksStatus) {
		this(settings, keys, jwksStatus, null, TokenValidationListener.NONE);
	}

	/**
	 * Creates a decoder.
	 * @param settings what tokens must satisfy
	 * @param keys the issuer's keys
	 * @param jwksStatus the key set's status, to tell an unknown key from an outage
	 * @param cache the verified-token cache, or {@code null} to verify every token fully
	 * @param listener told about each validation
	 */
	public WardenJwtDecoder(TokenValidationSettings settings, JWKSource<SecurityContext> keys, JwksStatus jwksStatus,
			VerifiedTokenCache cache, TokenValidationListener listener) {
		this.settings = settings;
		this.keys = keys;
		this.jwksStatus = jwksStatus;
		this.cache = cache;
		this.listener = listener;
		if (cache != null) {
			jwksStatus.onKeysChanged(cache::retainKeys);
		}
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		long start = System.nanoTime();
		try {
			VerifiedTokenCache.Key key = null;
			if (this.cache != null && token != null && !token.isEmpty()
					&& token.length() <= this.settings.maxTokenLength()) {
				key = VerifiedTokenCache.key(token);
				Jwt cached = fromCache(key);
				if (cached != null) {
					this.listener.accepted(cached, true, System.nanoTime() - start);
					return cached;
				}
			}
			Verified verified = verify(token);
			if (key != null) {
				this.cache.put(key, new VerifiedTokenCache.Entry(verified.jwt(), verified.keyFingerprint(),
						verified.times().expiresAt(), verified.times().notBefore(), verified.times().issuedAt()));
			}
			this.listener.accepted(verified.jwt(), false, System.nanoTime() - start);
			return verified.jwt();
		}
		catch (InvalidTokenException ex) {
			this.listener.rejected(ex.reason(), System.nanoTime() - start);
			throw ex;
		}
		catch (JwksUnavailableException ex) {
			this.listener.keysUnavailable(System.nanoTime() - start);
			throw ex;
		}
	}

	private Jwt fromCache(VerifiedTokenCache.Key key) {
		VerifiedTokenCache.Entry entry = this.cache.get(key);
		if (entry == null) {
			return null;
		}
		if (this.jwksStatus.refreshDue()) {
			// hits never look keys up: keep the key set current, so removed keys take their tokens along
			try {
				this.keys.get(ANY_KEY, null);
			}
			catch (KeySourceException ex) {
				if (!this.jwksStatus.hasUsableKeys()) {
					throw new JwksUnavailableException("The issuer's keys are unavailable", ex);
				}
			}
		}
		if (!this.jwksStatus.snapshot().keyFingerprints().contains(entry.keyFingerprint())) {
			this.cache.invalidate(key);
			return null;
		}
		Instant now = this.settings.clock().instant();
		Duration skew = this.settings.clockSkew();
		if (!now.isBefore(entry.expiresAt().plus(skew))) {
			this.cache.invalidate(key);
			throw invalid(TokenRejection.EXPIRED, "The access token expired");
		}
		if (entry.notBefore() != null && now.plus(skew).isBefore(entry.notBefore())) {
			throw invalid(TokenRejection.NOT_YET_VALID, "The access token is not valid yet (nbf)");
		}
		if (entry.issuedAt() != null && now.plus(skew).isBefore(entry.issuedAt())) {
			throw invalid(TokenRejection.NOT_YET_VALID, "The access token was issued in the future (iat)");
		}
		return entry.jwt();
	}

	/** The time claims, read once. */
	private record Times(Instant expiresAt, Instant notBefore, Instant issuedAt) {
	}

	private record Verified(Jwt jwt, String keyFingerprint, Times times) {
	}

	private Verified verify(String token) {
		if (token == null || token.isEmpty()) {
			throw invalid(TokenRejection.MALFORMED, "The access token is empty");
		}
		if (token.length() > this.settings.maxTokenLength()) {
			throw invalid(TokenRejection.MALFORMED, "The access token is too large");
		}
		if (!isCanonicalCompactSerialization(token)) {
			// one token, one spelling: padding, other alphabets or stray characters would let the
			// same signature pass under many texts (and defeat anything keyed by the token text)
			throw invalid(TokenRejection.MALFORMED, "The access token is malformed");
		}
		SignedJWT jws = parse(token);
		JWSHeader header = jws.getHeader();
		if (!this.settings.algorithms().contains(header.getAlgorithm())) {
			throw invalid(TokenRejection.INVALID_SIGNATURE, "The token's signing algorithm is not accepted");
		}
		if (declaresCritical(jws)) {
			// Warden understands no extension, and RFC 7515 forbids an empty list
			throw invalid(TokenRejection.MALFORMED, "The token has critical header parameters that are not understood");
		}
		if (header.getContentType() != null && header.getContentType().equalsIgnoreCase("JWT")) {
			throw invalid(TokenRejection.MALFORMED, "Nested tokens are not accepted");
		}
		String payload = jws.getPayload().toString();
		Map<String, Object> claims = isJsonObject(payload) ? jws.getPayload().toJSONObject() : null;
		if (claims == null) {
			throw invalid(TokenRejection.MALFORMED, "The token's payload is not a JSON object");
		}
		PreparedKeys.Prepared key = verifySignature(jws, header);
		Times times = validateClaims(claims);
		validateType(header, claims);
		return new Verified(toJwt(token, header, claims, times), key.fingerprint(), times);
	}

	/**
	 * Whether every dot-separated segment is unpadded base64url in its one canonical form (no
	 * characters outside {@code A-Z a-z 0-9 - _}, no impossible length, unused trailing bits zero).
	 */
	static boolean isCanonicalCompactSerialization(String token) {
		int segmentStart = 0;
		for (int i = 0; i <= token.length(); i++) {
			if (i == token.length() || token.charAt(i) == '.') {
				if (!isCanonicalSegment(token, segmentStart, i)) {
					return false;
				}
				segmentStart = i + 1;
				continue;
			}
			char c = token.charAt(i);
			boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!base64url) {
				return false;
			}
		}
		return true;
	}

	private static boolean isCanonicalSegment(String token, int start, int end) {
		int length = end - start;
		if (length == 0) {
			return true;
		}
		int remainder = length % 4;
		if (remainder == 1) {
			return false;
		}
		if (remainder == 0) {
			return true;
		}
		int last = base64UrlValue(token.charAt(end - 1));
		int unusedBits = (remainder == 2) ? 0x0F : 0x03;
		return (last & unusedBits) == 0;
	}

	private static int base64UrlValue(char c) {
		if (c >= 'A' && c <= 'Z') {
			return c - 'A';
		}
		if (c >= 'a' && c <= 'z') {
			return c - 'a' + 26;
		}
		if (c >= '0' && c <= '9') {
			return c - '0' + 52;
		}
		return (c == '-') ? 62 : 63;
	}

	/** Nimbus drops an empty {@code crit} list when parsing; RFC 7515 forbids one, so read the raw header. */
	private static boolean declaresCritical(SignedJWT jws) {
		if (jws.getHeader().getCriticalParams() != null && !jws.getHeader().getCriticalParams().isEmpty()) {
			return true;
		}
		String raw = jws.getHeader().getParsedBase64URL().decodeToString();
		if (!raw.contains("crit") && !raw.contains("\\u")) {
			return false;
		}
		try {
			return com.nimbusds.jose.util.JSONObjectUtils.parse(raw).containsKey("crit");
		}
		catch (ParseException ex) {
			return true;
		}
	}

	private static boolean isJsonObject(String json) {
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return c == '{';
			}
		}
		return false;
	}

	private SignedJWT parse(String token) {
		JWT parsed;
		try {
			parsed = JWTParser.parse(token);
		}
		catch (ParseException | RuntimeException ex) {
			throw invalid(TokenRejection.MALFORMED, "The access token is malformed");
		}
		if (parsed instanceof EncryptedJWT) {
			throw invalid(TokenRejection.MALFORMED, "Encrypted tokens (JWE) are not accepted");
		}
		if (parsed instanceof PlainJWT) {
			throw invalid(TokenRejection.INVALID_SIGNATURE, "Unsigned tokens are not accepted");
		}
		if (!(parsed instanceof SignedJWT signed)) {
			throw invalid(TokenRejection.MALFORMED, "The access token is malformed");
		}
		return signed;
	}

	private PreparedKeys.Prepared verifySignature(SignedJWT jws, JWSHeader header) {
		List<JWK> keys;
		try {
			keys = this.keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
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
		if (keys.isEmpty()) {
			throw invalid(TokenRejection.UNKNOWN_KEY, "No key of the issuer matches the token");
		}
		for (JWK key : keys) {
			PreparedKeys.Prepared prepared = this.jwksStatus.preparedKeys().get(key);
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

	private Times validateClaims(Map<String, Object> claims) {
		if (!this.settings.issuer().equals(claims.get("iss"))) {
			throw invalid(TokenRejection.INVALID_ISSUER, "The token's issuer is not accepted");
		}
		validateAudience(claims.get("aud"));
		Object confirmation = claims.get("cnf");
		if (confirmation != null && !(confirmation instanceof Map)) {
			// RFC 7800: a JSON object; Spring Security reads it as one after authentication
			throw invalid(TokenRejection.MALFORMED, "The token's confirmation (cnf) claim is not a JSON object");
		}
		Instant now = this.settings.clock().instant();
		Duration skew = this.settings.clockSkew();
		Instant expiresAt = (claims.get("exp") != null) ? numericDate(claims, "exp") : null;
		if (expiresAt == null) {
			throw invalid(TokenRejection.MALFORMED, "The token has no expiry (exp)");
		}
		if (!now.isBefore(expiresAt.plus(skew))) {
			throw invalid(TokenRejection.EXPIRED, "The access token expired");
		}
		Instant notBefore = numericDate(claims, "nbf");
		if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
			throw invalid(TokenRejection.NOT_YET_VALID, "The access token is not valid yet (nbf)");
		}
		Instant issuedAt = numericDate(claims, "iat");
		if (issuedAt != null) {
			if (now.plus(skew).isBefore(issuedAt)) {
				throw invalid(TokenRejection.NOT_YET_VALID, "The access token was issued in the future (iat)");
			}
			if (!expiresAt.isAfter(issuedAt)) {
				throw invalid(TokenRejection.MALFORMED, "The token's exp is not after its iat");
			}
		}
		return new Times(expiresAt, notBefore, issuedAt);
	}

	private void validateAudience(Object aud) {
		if (aud == null) {
			if (this.settings.audiences().isEmpty()) {
				return;
			}
			throw invalid(TokenRejection.INVALID_AUDIENCE, "The token has no audience (aud)");
		}
		List<?> values;
		if (aud instanceof String single) {
			values = List.of(single);
		}
		else if (aud instanceof Collection<?> many) {
			values = new java.util.ArrayList<>(many);
		}
		else {
			throw invalid(TokenRejection.MALFORMED, "The token's audience (aud) is not a string or an array");
		}
		for (Object value : values) {
			if (!(value instanceof String)) {
				throw invalid(TokenRejection.MALFORMED, "The token's audience (aud) is not a string or an array");
			}
		}
		if (this.settings.audiences().isEmpty()) {
			return;
		}
		for (Object value : values) {
			if (this.settings.audiences().contains(value)) {
				return;
			}
		}
		throw invalid(TokenRejection.INVALID_AUDIENCE, "The token's audience is not accepted");
	}

	private void validateType(JWSHeader header, Map<String, Object> claims) {
		JOSEObjectType type = header.getType();
		if (this.settings.strictRfc9068()) {
			if (type == null || !STRICT_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
				throw invalid(TokenRejection.MALFORMED, "The token's type (typ) must be at+jwt");
			}
			for (String claim : RFC9068_CLAIMS) {
				if (claims.get(claim) == null) {
					throw invalid(TokenRejection.MALFORMED, "The token lacks the claim " + claim + " required by RFC 9068");
				}
			}
		}
		else if (type != null && !LENIENT_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
			throw invalid(TokenRejection.MALFORMED, "The token's type (typ) is not accepted");
		}
	}

	private static Instant numericDate(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		if (value == null) {
			if (claims.containsKey(name)) {
				throw invalid(TokenRejection.MALFORMED, "The token's " + name + " is not a number");
			}
			return null;
		}
		if (!(value instanceof Number number)) {
			throw invalid(TokenRejection.MALFORMED, "The token's " + name + " is not a number");
		}
		if (value instanceof Long || value instanceof Integer) {
			long whole = number.longValue();
			if (whole < 0 || whole > MAX_NUMERIC_DATE) {
				throw invalid(TokenRejection.MALFORMED, "The token's " + name + " is out of range");
			}
			return Instant.ofEpochSecond(whole);
		}
		BigDecimal seconds;
		try {
			seconds = new BigDecimal(number.toString());
		}
		catch (NumberFormatException ex) {
			throw invalid(TokenRejection.MALFORMED, "The token's " + name + " is not a valid date");
		}
		if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(MAX_NUMERIC_DATE)) > 0) {
			throw invalid(TokenRejection.MALFORMED, "The token's " + name + " is out of range");
		}
		long whole = seconds.longValue();
		int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
		return Instant.ofEpochSecond(whole, nanos);
	}

	private static Jwt toJwt(String token, JWSHeader header, Map<String, Object> claims, Times times) {
		Map<String, Object> converted = new LinkedHashMap<>(claims);
		converted.replaceAll((name, value) -> frozen(value));
		converted.put("exp", times.expiresAt());
		if (times.notBefore() != null) {
			converted.put("nbf", times.notBefore());
		}
		if (times.issuedAt() != null) {
			converted.put("iat", times.issuedAt());
		}
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

	/**
	 * A read-only deep copy of a claim value: a cached {@code Jwt} is shared by every request that
	 * carries the token, so nested lists and objects must not be changeable by one of them.
	 */
	static Object frozen(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, nested) -> copy.put(key, frozen(nested)));
			return java.util.Collections.unmodifiableMap(copy);
		}
		if (value instanceof Collection<?> collection) {
			List<Object> copy = new java.util.ArrayList<>(collection.size());
			collection.forEach((nested) -> copy.add(frozen(nested)));
			return java.util.Collections.unmodifiableList(copy);
		}
		return value;
	}

	private static InvalidTokenException invalid(TokenRejection reason, String description) {
		return new InvalidTokenException(reason, description);
	}

}
