package dev.warden.internal.revocation;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.internal.jwt.CompactJws;

/**
 * Verifies a pushed Security Event Token (RFC 8417) as strictly as an access token: compact JWS,
 * {@code typ} {@code secevent+jwt}, an accepted asymmetric algorithm, no {@code crit}, an
 * {@code iss} that is a trusted transmitter (read unverified only to choose its keys, as for access
 * tokens), a signature by one of that transmitter's keys, an {@code aud} of this receiver, a
 * {@code jti}, an {@code iat} not in the future and an {@code events} claim. Each refusal carries its
 * RFC 8935 error code.
 */
public final class SecurityEventTokenVerifier {

	/** The media type of a SET, also its {@code typ}. */
	public static final String TYPE = "secevent+jwt";

	private final Function<String, JWKSource<SecurityContext>> transmitters;

	private final Set<String> audiences;

	private final Set<JWSAlgorithm> algorithms;

	private final Duration clockSkew;

	private final Clock clock;

	private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

	/**
	 * A verified SET.
	 *
	 * @param issuer its {@code iss}
	 * @param id its {@code jti}
	 * @param issuedAt its {@code iat}
	 * @param events its {@code events}: event type URI to event object
	 * @param subject its top-level {@code sub_id} (SSF 1.0), or {@code null}
	 */
	public record Verified(String issuer, String id, Instant issuedAt, Map<String, Object> events,
			Map<String, Object> subject) {
	}

	/**
	 * Creates the verifier.
	 * @param transmitters the key source of a trusted transmitter by its {@code iss}; {@code null} for
	 * an issuer that is not one
	 * @param audiences the {@code aud} values this receiver accepts
	 * @param algorithms the accepted signature algorithms
	 * @param clockSkew the tolerance for {@code iat} in the future
	 * @param clock the clock
	 */
	public SecurityEventTokenVerifier(Function<String, JWKSource<SecurityContext>> transmitters, Set<String> audiences,
			Set<JWSAlgorithm> algorithms, Duration clockSkew, Clock clock) {
		this.transmitters = transmitters;
		this.audiences = audiences;
		this.algorithms = algorithms;
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	/**
	 * Verifies a SET.
	 * @param set the compact JWS
	 * @return the verified SET
	 * @throws PushRejectedException with the RFC 8935 error code when it is refused
	 */
	public Verified verify(String set) throws PushRejectedException {
		SignedJWT jwt;
		JWTClaimsSet claims;
		String text = set.trim();
		if (!CompactJws.isCanonical(text)) {
			// one spelling per SET: Nimbus would skip characters outside base64url
			throw invalidRequest("The SET is not a signed JWT");
		}
		try {
			jwt = SignedJWT.parse(text);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException | IllegalArgumentException ex) {
			throw invalidRequest("The SET is not a signed JWT");
		}
		JWSHeader header = jwt.getHeader();
		if (!isSecEvent(header.getType())) {
			throw invalidRequest("The SET's typ is not secevent+jwt");
		}
		if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
			throw invalidRequest("The SET has critical header parameters this receiver does not understand");
		}
		if (!this.algorithms.contains(header.getAlgorithm())) {
			throw new PushRejectedException("invalid_key", "The SET's signature algorithm is not accepted");
		}
		String issuer = claims.getIssuer();
		JWKSource<SecurityContext> keys = (issuer != null) ? this.transmitters.apply(issuer) : null;
		if (keys == null) {
			throw new PushRejectedException("invalid_issuer", "The SET's issuer is not a trusted transmitter");
		}
		verifySignature(jwt, header, keys);
		List<String> aud = claims.getAudience();
		if (aud == null || aud.stream().noneMatch(this.audiences::contains)) {
			throw new PushRejectedException("invalid_audience", "The SET is not intended for this receiver");
		}
		String id = claims.getJWTID();
		if (id == null || id.isBlank()) {
			throw invalidRequest("The SET has no jti");
		}
		Date iat = claims.getIssueTime();
		if (iat == null) {
			throw invalidRequest("The SET has no iat");
		}
		Instant issuedAt = iat.toInstant();
		if (issuedAt.isAfter(this.clock.instant().plus(this.clockSkew))) {
			throw invalidRequest("The SET's iat lies in the future");
		}
		Map<String, Object> events;
		Map<String, Object> subject;
		try {
			events = claims.getJSONObjectClaim("events");
			subject = claims.getJSONObjectClaim("sub_id");
		}
		catch (ParseException ex) {
			throw invalidRequest("The SET's events or sub_id claim is not a JSON object");
		}
		if (events == null || events.isEmpty()) {
			throw invalidRequest("The SET has no events");
		}
		return new Verified(issuer, id, issuedAt, events, subject);
	}

	private void verifySignature(SignedJWT jwt, JWSHeader header, JWKSource<SecurityContext> keys)
			throws PushRejectedException {
		List<java.security.Key> candidates;
		try {
			candidates = new JWSVerificationKeySelector<>(header.getAlgorithm(), keys).selectJWSKeys(header, null)
				.stream()
				.map((key) -> (java.security.Key) key)
				.toList();
		}
		catch (KeySourceException ex) {
			throw new PushRejectedException("invalid_key", "The transmitter's keys cannot be fetched now");
		}
		if (candidates.isEmpty()) {
			throw new PushRejectedException("invalid_key", "No key of the transmitter matches the SET");
		}
		for (java.security.Key key : candidates) {
			try {
				JWSVerifier verifier = this.verifiers.createJWSVerifier(header, key);
				if (jwt.verify(verifier)) {
					return;
				}
			}
			catch (JOSEException | IllegalStateException ex) {
				// a key that cannot verify this algorithm: try the next
			}
		}
		throw new PushRejectedException("invalid_key", "The SET's signature is invalid");
	}

	private static boolean isSecEvent(JOSEObjectType type) {
		if (type == null) {
			return false;
		}
		String value = type.getType().toLowerCase(java.util.Locale.ROOT);
		return value.equals(TYPE) || value.equals("application/" + TYPE);
	}

	private static PushRejectedException invalidRequest(String description) {
		return new PushRejectedException("invalid_request", description);
	}

}
