package dev.warden.internal.scope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.warden.internal.NumericDates;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Decides whether a token's sign-in satisfies an endpoint's {@link StepUp} (RFC 9470): its
 * {@code acr} at or above the required level in the operator's ordered list (or, without a list,
 * exactly the required value), and its {@code auth_time} no older than the maximum age plus the
 * clock skew. The claims come from the token or, for opaque tokens, from the introspection answer.
 */
public final class StepUpPolicy {

	private final List<String> levels;

	private final Duration clockSkew;

	private final Clock clock;

	/**
	 * Creates the policy.
	 * @param levels the {@code acr} values in order, lowest first; empty to accept only the exact value
	 * @param clockSkew added to the maximum age, and tolerated for an {@code auth_time} ahead of the clock
	 * @param clock the clock
	 */
	public StepUpPolicy(List<String> levels, Duration clockSkew, Clock clock) {
		this.levels = List.copyOf(levels);
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	/**
	 * The operator's levels.
	 * @return the levels, lowest first
	 */
	public List<String> levels() {
		return this.levels;
	}

	/**
	 * Checks a token's sign-in against an endpoint's requirement.
	 * @param required what the endpoint needs
	 * @param claims the token's claims (or the introspection answer's members)
	 * @throws InsufficientUserAuthenticationException when the sign-in is too weak or too old
	 * @throws InvalidBearerTokenException when {@code acr} or {@code auth_time} is of the wrong type,
	 * or {@code auth_time} lies in the future
	 */
	public void check(StepUp required, Map<String, Object> claims) {
		String acr = acr(claims);
		Instant authTime = authTime(claims, this.clock.instant(), this.clockSkew);
		boolean levelMet = required.acr() == null || (acr != null && meets(acr, required.acr()));
		boolean ageMet = required.maxAge() == null || (authTime != null
				&& !authTime.plus(required.maxAge()).plus(this.clockSkew).isBefore(this.clock.instant()));
		if (levelMet && ageMet) {
			return;
		}
		String description;
		if (!levelMet) {
			description = "This endpoint requires a sign-in at level " + required.acr()
					+ (this.levels.isEmpty() ? "" : " or above");
		}
		else if (authTime == null) {
			description = "This endpoint requires the time of the sign-in (auth_time)";
		}
		else {
			description = "This endpoint requires a sign-in within the last " + required.maxAge().toSeconds() + " seconds";
		}
		throw new InsufficientUserAuthenticationException(description, acrValues(required),
				(required.maxAge() != null) ? required.maxAge().toSeconds() : null);
	}

	private boolean meets(String acr, String required) {
		if (this.levels.isEmpty()) {
			return acr.equals(required);
		}
		int have = this.levels.indexOf(acr);
		return have >= 0 && have >= this.levels.indexOf(required);
	}

	/** The acceptable values, in order of preference: the required level first, then stronger ones. */
	private String acrValues(StepUp required) {
		if (required.acr() == null) {
			return null;
		}
		int from = this.levels.indexOf(required.acr());
		return (from < 0) ? required.acr() : String.join(" ", this.levels.subList(from, this.levels.size()));
	}

	/**
	 * The {@code acr} claim.
	 * @param claims the claims
	 * @return the value, or {@code null} when absent
	 * @throws InvalidBearerTokenException when it is not a string
	 */
	public static String acr(Map<String, Object> claims) {
		Object value = claims.get("acr");
		if (value == null) {
			if (claims.containsKey("acr")) {
				throw new InvalidBearerTokenException("The token's acr claim is not a string");
			}
			return null;
		}
		if (!(value instanceof String text)) {
			throw new InvalidBearerTokenException("The token's acr claim is not a string");
		}
		return text;
	}

	/**
	 * The {@code auth_time} claim (a NumericDate, OpenID Connect Core §2).
	 * @param claims the claims
	 * @param now the time now
	 * @param clockSkew tolerated for a time ahead of the clock
	 * @return the time of the sign-in, or {@code null} when absent
	 * @throws InvalidBearerTokenException when it is not a NumericDate or lies in the future
	 */
	public static Instant authTime(Map<String, Object> claims, Instant now, Duration clockSkew) {
		Object value = claims.get("auth_time");
		if (value == null) {
			if (claims.containsKey("auth_time")) {
				throw new InvalidBearerTokenException("The token's auth_time is not a number");
			}
			return null;
		}
		Instant authTime;
		try {
			authTime = NumericDates.parse(value);
		}
		catch (NumericDates.InvalidNumericDate ex) {
			throw new InvalidBearerTokenException((ex.problem() == NumericDates.Problem.OUT_OF_RANGE)
					? "The token's auth_time is out of range" : "The token's auth_time is not a number");
		}
		if (now.plus(clockSkew).isBefore(authTime)) {
			throw new InvalidBearerTokenException("The token's auth_time lies in the future");
		}
		return authTime;
	}

}
