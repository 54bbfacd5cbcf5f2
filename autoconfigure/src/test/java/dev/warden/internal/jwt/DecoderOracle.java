package dev.warden.internal.jwt;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warden.jwt.TokenRejection;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules {@link WardenJwtDecoder} documents, restated independently of it, for fuzz tests: from
 * the header and payload text of a token (and the facts of how the test signed it), the answer the
 * decoder must give — accepted, or refused with the description of one of the rules the token
 * breaks. Parses with Jackson (strict: duplicate names refused, numbers kept exact), not with the
 * Nimbus parser the decoder uses, and knows nothing of the decoder's order of checks: a token that
 * breaks several rules may be refused for any of them.
 * <p>
 * The decoder is judged as the fuzz tests call it: outside a request, with DPoP switched off (not
 * required). A sender-constrained token ({@code cnf} naming a certificate or a DPoP key) can prove
 * nothing there, so it is refused.
 * <p>
 * {@link #authentication} does the same for Warden's authentication converter (scopes from
 * {@code scope} then {@code scp}, split on spaces, a claim present as JSON {@code null} of the wrong
 * type; principal {@code sub}, else {@code client_id}).
 */
public final class DecoderOracle {

	public static final String TOO_LARGE = "The access token is too large";

	public static final String MALFORMED = "The access token is malformed";

	public static final String UNSIGNED = "Unsigned tokens are not accepted";

	public static final String ALGORITHM = "The token's signing algorithm is not accepted";

	public static final String CRITICAL = "The token has critical header parameters that are not understood";

	public static final String NESTED = "Nested tokens are not accepted";

	public static final String NOT_AN_OBJECT = "The token's payload is not a JSON object";

	public static final String NO_KEY = "No key of the issuer matches the token";

	public static final String SIGNATURE = "The token's signature is invalid";

	public static final String ISSUER = "The token's issuer is not accepted";

	public static final String NO_AUDIENCE = "The token has no audience (aud)";

	public static final String AUDIENCE_TYPE = "The token's audience (aud) is not a string or an array";

	public static final String AUDIENCE = "The token's audience is not accepted";

	public static final String CONFIRMATION = "The token's confirmation (cnf) claim is not a JSON object";

	/** Followed by the member: {@code x5t#S256} or {@code jkt}. */
	public static final String CONFIRMATION_MEMBER = "The token's confirmation (cnf) claim has a malformed ";

	public static final String CERTIFICATE_BOUND = "The access token is bound to a client certificate, and the request "
			+ "presents none";

	public static final String DPOP_BOUND = "The access token is bound to a DPoP key; send it with the DPoP scheme and a "
			+ "proof";

	/** A claims set the decoder cannot hold as a token (one without any claim). */
	public static final String CLAIMS_NOT_WELL_FORMED = "The token's claims are not well formed";

	public static final String ACR = "The token's acr claim is not a string";

	public static final String AUTH_TIME_NOT_A_NUMBER = "The token's auth_time is not a number";

	public static final String AUTH_TIME_OUT_OF_RANGE = "The token's auth_time is out of range";

	public static final String AUTH_TIME_IN_FUTURE = "The token's auth_time lies in the future";

	public static final String NO_EXPIRY = "The token has no expiry (exp)";

	public static final String EXPIRED = "The access token expired";

	public static final String NOT_YET_VALID = "The access token is not valid yet (nbf)";

	public static final String ISSUED_IN_FUTURE = "The access token was issued in the future (iat)";

	public static final String EXP_NOT_AFTER_IAT = "The token's exp is not after its iat";

	public static final String TYPE = "The token's type (typ) is not accepted";

	public static final String STRICT_TYPE = "The token's type (typ) must be at+jwt";

	/** Latest NumericDate the decoder documents: 9999-12-31T23:59:59Z. */
	public static final BigDecimal MAX_NUMERIC_DATE = BigDecimal.valueOf(253402300799L);

	/** Compared ignoring case, as {@link String#equalsIgnoreCase} does (Spring Security's type validator). */
	private static final List<String> LENIENT_TYPES = List.of("at+jwt", "application/at+jwt", "JWT");

	private static final List<String> STRICT_TYPES = List.of("at+jwt", "application/at+jwt");

	private static final List<String> RFC9068_CLAIMS = List.of("iss", "exp", "aud", "sub", "client_id", "iat", "jti");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/** What the decoder under test is configured with. */
	public record Settings(String issuer, Set<String> audiences, Duration skew, Instant now, Set<String> algorithms,
			boolean strictRfc9068, int maxTokenLength) {
	}

	/**
	 * A key the issuer publishes.
	 * @param kid its key id
	 * @param type its key type: {@code RSA} or {@code EC} (keys are selected by type and kid, not
	 * by curve: an ECDSA algorithm of another curve than the key's fails the signature check)
	 */
	public record PublishedKey(String kid, String type) {
	}

	/**
	 * How the test signed the token: with which published key and JWS algorithm, over exactly the
	 * header and payload given.
	 */
	public record Signing(String kid, String algorithm) {
	}

	/**
	 * The decoder's expected answer.
	 * @param refusals the descriptions the decoder may refuse the token with; empty: it must accept
	 */
	public record Verdict(Set<String> refusals) {

		public boolean accepted() {
			return this.refusals.isEmpty();
		}

	}

	private final Settings settings;

	private final List<PublishedKey> keys;

	public DecoderOracle(Settings settings, List<PublishedKey> keys) {
		this.settings = settings;
		this.keys = List.copyOf(keys);
	}

	/** The reason ({@link TokenRejection}) that goes with each refusal description. */
	public static TokenRejection reasonOf(String description) {
		return switch (description) {
			case UNSIGNED, ALGORITHM, SIGNATURE -> TokenRejection.INVALID_SIGNATURE;
			case NO_KEY -> TokenRejection.UNKNOWN_KEY;
			case ISSUER -> TokenRejection.INVALID_ISSUER;
			case NO_AUDIENCE, AUDIENCE -> TokenRejection.INVALID_AUDIENCE;
			case EXPIRED -> TokenRejection.EXPIRED;
			case NOT_YET_VALID, ISSUED_IN_FUTURE -> TokenRejection.NOT_YET_VALID;
			case CERTIFICATE_BOUND, DPOP_BOUND -> TokenRejection.INVALID_BINDING;
			default -> TokenRejection.MALFORMED;
		};
	}

	/**
	 * Judges a token.
	 * @param header the header JSON text, as signed
	 * @param payload the payload JSON text, as signed
	 * @param tokenLength the length of the compact token
	 * @param signing how the test signed it
	 * @return the verdict
	 */
	public Verdict judge(String header, String payload, int tokenLength, Signing signing) {
		Set<String> refusals = new LinkedHashSet<>();
		if (tokenLength > this.settings.maxTokenLength()) {
			// checked before anything is parsed: the only possible answer
			return new Verdict(Set.of(TOO_LARGE));
		}
		JsonNode h = parse(header);
		if (h == null || !h.isObject()) {
			return new Verdict(Set.of(MALFORMED));
		}
		judgeHeader(h, signing, refusals);
		JsonNode claims = parse(payload);
		if (claims == null || !claims.isObject()) {
			refusals.add(NOT_AN_OBJECT);
			return new Verdict(refusals);
		}
		if (claims.isEmpty()) {
			refusals.add(CLAIMS_NOT_WELL_FORMED);
		}
		judgeClaims(claims, refusals);
		if (this.settings.strictRfc9068()) {
			for (String claim : RFC9068_CLAIMS) {
				if (absentOrNull(claims, claim)) {
					refusals.add("The token lacks the claim " + claim + " required by RFC 9068");
				}
			}
		}
		return new Verdict(refusals);
	}

	private void judgeHeader(JsonNode h, Signing signing, Set<String> refusals) {
		JsonNode alg = h.get("alg");
		if (alg == null || !alg.isString()) {
			refusals.add(MALFORMED);
			return;
		}
		for (String name : List.of("kid", "typ", "cty")) {
			if (h.has(name) && !h.get(name).isNull() && !h.get(name).isString()) {
				refusals.add(MALFORMED);
			}
		}
		if (alg.stringValue().equals("none")) {
			// an unsecured JWT must have an empty signature segment; these tokens never do
			refusals.add(MALFORMED);
			refusals.add(UNSIGNED);
			return;
		}
		if (h.has("crit")) {
			boolean stringList = h.get("crit").isArray();
			for (JsonNode item : h.get("crit")) {
				stringList &= item.isString();
			}
			refusals.add(stringList ? CRITICAL : MALFORMED);
		}
		String cty = text(h, "cty");
		if (cty != null && cty.equalsIgnoreCase("JWT")) {
			refusals.add(NESTED);
		}
		String typ = text(h, "typ");
		if (this.settings.strictRfc9068()) {
			if (typ == null || !oneOf(typ, STRICT_TYPES)) {
				refusals.add(STRICT_TYPE);
			}
		}
		else if (typ != null && !oneOf(typ, LENIENT_TYPES)) {
			// a typ of only spaces is there, so it is not an absent one
			refusals.add(TYPE);
		}
		if (!this.settings.algorithms().contains(alg.stringValue())) {
			refusals.add(ALGORITHM);
			return;
		}
		String type = alg.stringValue().startsWith("ES") ? "EC" : "RSA";
		String kid = text(h, "kid");
		List<String> candidates = new ArrayList<>();
		for (PublishedKey key : this.keys) {
			if (key.type().equals(type) && (kid == null || kid.equals(key.kid()))) {
				candidates.add(key.kid());
			}
		}
		if (candidates.isEmpty()) {
			refusals.add(NO_KEY);
		}
		else if (!(candidates.contains(signing.kid()) && signing.algorithm().equals(alg.stringValue()))) {
			refusals.add(SIGNATURE);
		}
	}

	private void judgeClaims(JsonNode claims, Set<String> refusals) {
		JsonNode iss = claims.get("iss");
		if (iss == null || !iss.isString() || !iss.stringValue().equals(this.settings.issuer())) {
			refusals.add(ISSUER);
		}
		judgeAudience(claims, refusals);
		judgeConfirmation(claims.get("cnf"), refusals);
		BigDecimal now = seconds(this.settings.now());
		BigDecimal skew = BigDecimal.valueOf(this.settings.skew().toMillis()).movePointLeft(3);
		BigDecimal exp = null;
		if (absentOrNull(claims, "exp")) {
			refusals.add(NO_EXPIRY);
		}
		else {
			exp = numericDate(claims.get("exp"), "exp", refusals);
			if (exp != null && now.compareTo(exp.add(skew)) >= 0) {
				refusals.add(EXPIRED);
			}
		}
		if (claims.has("nbf")) {
			BigDecimal nbf = numericDate(claims.get("nbf"), "nbf", refusals);
			if (nbf != null && now.add(skew).compareTo(nbf) < 0) {
				refusals.add(NOT_YET_VALID);
			}
		}
		if (claims.has("iat")) {
			BigDecimal iat = numericDate(claims.get("iat"), "iat", refusals);
			if (iat != null && now.add(skew).compareTo(iat) < 0) {
				refusals.add(ISSUED_IN_FUTURE);
			}
			if (iat != null && exp != null && exp.compareTo(iat) <= 0) {
				refusals.add(EXP_NOT_AFTER_IAT);
			}
		}
		// the sign-in claims step-up reads: acr a string, auth_time a NumericDate not ahead of the clock
		if (claims.has("acr") && !claims.get("acr").isString()) {
			refusals.add(ACR);
		}
		if (claims.has("auth_time")) {
			Set<String> problems = new LinkedHashSet<>();
			BigDecimal authTime = numericDate(claims.get("auth_time"), "auth_time", problems);
			refusals.addAll(problems);
			if (authTime != null && now.add(skew).compareTo(authTime) < 0) {
				refusals.add(AUTH_TIME_IN_FUTURE);
			}
		}
	}

	/**
	 * {@code cnf}: absent, JSON {@code null} or an object whose {@code x5t#S256} and {@code jkt}, when
	 * present, are non-empty strings; a token bound to a certificate or a DPoP key (a string member)
	 * cannot prove it outside a request.
	 */
	private static void judgeConfirmation(JsonNode cnf, Set<String> refusals) {
		if (cnf == null || cnf.isNull()) {
			return;
		}
		if (!cnf.isObject()) {
			refusals.add(CONFIRMATION);
			return;
		}
		for (String member : List.of("x5t#S256", "jkt")) {
			JsonNode value = cnf.get(member);
			if (value != null && !(value.isString() && !value.stringValue().isEmpty())) {
				refusals.add(CONFIRMATION_MEMBER + member);
			}
		}
		if (text(cnf, "x5t#S256") != null) {
			refusals.add(CERTIFICATE_BOUND);
		}
		if (text(cnf, "jkt") != null) {
			refusals.add(DPOP_BOUND);
		}
	}

	private void judgeAudience(JsonNode claims, Set<String> refusals) {
		JsonNode aud = claims.get("aud");
		List<String> values = new ArrayList<>();
		if (aud == null || aud.isNull()) {
			if (!this.settings.audiences().isEmpty()) {
				refusals.add(NO_AUDIENCE);
			}
			return;
		}
		if (aud.isString()) {
			values.add(aud.stringValue());
		}
		else if (aud.isArray()) {
			for (JsonNode item : aud) {
				if (!item.isString()) {
					refusals.add(AUDIENCE_TYPE);
					return;
				}
				values.add(item.stringValue());
			}
		}
		else {
			refusals.add(AUDIENCE_TYPE);
			return;
		}
		if (!this.settings.audiences().isEmpty() && values.stream().noneMatch(this.settings.audiences()::contains)) {
			refusals.add(AUDIENCE);
		}
	}

	private static boolean oneOf(String typ, List<String> types) {
		return types.stream().anyMatch(typ::equalsIgnoreCase);
	}

	/** A NumericDate as exact seconds, or null after adding the refusal. */
	private static BigDecimal numericDate(JsonNode value, String name, Set<String> refusals) {
		if (value == null || !value.isNumber()) {
			refusals.add("The token's " + name + " is not a number");
			return null;
		}
		BigDecimal seconds = value.decimalValue();
		if (seconds.signum() < 0 || seconds.compareTo(MAX_NUMERIC_DATE) > 0) {
			refusals.add("The token's " + name + " is out of range");
			return null;
		}
		return seconds;
	}

	private static BigDecimal seconds(Instant instant) {
		return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano()).movePointLeft(9));
	}

	/**
	 * What Warden's authentication converter must make of an accepted token's payload.
	 * @param payload the payload JSON text
	 * @return the authorities and name, or the refusals it may answer with
	 */
	public static Authentication authentication(String payload) {
		JsonNode claims = parse(payload);
		Set<String> refusals = new LinkedHashSet<>();
		Set<String> authorities = new LinkedHashSet<>();
		for (String name : List.of("scope", "scp")) {
			JsonNode value = claims.get(name);
			if (value == null) {
				continue;
			}
			if (value.isString()) {
				split(value.stringValue(), authorities);
			}
			else if (value.isArray()) {
				for (JsonNode item : value) {
					if (!item.isString()) {
						refusals.add("The token's " + name + " claim is not a string or an array of strings");
						break;
					}
					split(item.stringValue(), authorities);
				}
			}
			else {
				refusals.add("The token's " + name + " claim is not a string or an array of strings");
			}
			break;
		}
		String name = null;
		JsonNode sub = claims.get("sub");
		JsonNode clientId = claims.get("client_id");
		if (sub != null && sub.isString() && !sub.stringValue().isEmpty()) {
			name = sub.stringValue();
		}
		else if (clientId != null && clientId.isString() && !clientId.stringValue().isEmpty()) {
			name = clientId.stringValue();
		}
		else if ((sub != null && !sub.isNull()) || (clientId != null && !clientId.isNull())) {
			refusals.add("The token's sub or client_id claim is not a string");
		}
		else {
			refusals.add("The token names no subject (sub) or client (client_id)");
		}
		return refusals.isEmpty() ? new Authentication(authorities, name, Set.of())
				: new Authentication(Set.of(), null, refusals);
	}

	private static void split(String scopes, Set<String> into) {
		for (String scope : scopes.split(" ")) {
			if (!scope.isEmpty()) {
				into.add("SCOPE_" + scope);
			}
		}
	}

	/**
	 * The converter's expected answer.
	 * @param authorities the authorities, when it accepts
	 * @param name the principal's name, when it accepts
	 * @param refusals the descriptions it may refuse with; empty: it must accept
	 */
	public record Authentication(Set<String> authorities, String name, Set<String> refusals) {
	}

	/**
	 * The time claims the decoder must put on an accepted token, as instants.
	 * @param payload the payload JSON text
	 * @return {@code exp}, {@code nbf} and {@code iat} as present
	 */
	public static Map<String, Instant> timeClaims(String payload) {
		JsonNode claims = parse(payload);
		Map<String, Instant> times = new LinkedHashMap<>();
		for (String name : List.of("exp", "nbf", "iat")) {
			JsonNode value = claims.get(name);
			if (value != null && value.isNumber()) {
				BigDecimal seconds = value.decimalValue();
				long whole = seconds.longValue();
				int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
				times.put(name, Instant.ofEpochSecond(whole, nanos));
			}
		}
		return times;
	}

	private static boolean absentOrNull(JsonNode claims, String name) {
		return claims.get(name) == null || claims.get(name).isNull();
	}

	private static String text(JsonNode object, String name) {
		JsonNode value = object.get(name);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static JsonNode parse(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
