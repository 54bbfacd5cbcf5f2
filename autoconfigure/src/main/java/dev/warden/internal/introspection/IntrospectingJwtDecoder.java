package dev.warden.internal.introspection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.introspection.IntrospectionUnavailableException;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Global mode: every token that passed local validation (which rejects forgeries without any
 * network call) is also checked against the introspection endpoint. Inactive → 401
 * {@code invalid_token}; no answer under {@code deny} → 503.
 */
public final class IntrospectingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final java.util.function.Function<String, RevocationChecker> checkers;

	private final SenderConstraints senderConstraints;

	private final TokenKeys keys = new TokenKeys();

	/**
	 * Creates the decoder for one issuer.
	 * @param delegate local validation
	 * @param checker the live check
	 * @param senderConstraints checks a binding the answer names and the token does not
	 */
	public IntrospectingJwtDecoder(JwtDecoder delegate, RevocationChecker checker,
			SenderConstraints senderConstraints) {
		this(delegate, (iss) -> checker, senderConstraints);
	}

	/**
	 * Creates the decoder for several issuers.
	 * @param delegate local validation
	 * @param checkers the live check of the issuer a token names ({@code iss}), or {@code null} for
	 * an issuer whose tokens are not checked on every request
	 * @param senderConstraints checks a binding the answer names and the token does not
	 */
	public IntrospectingJwtDecoder(JwtDecoder delegate, java.util.function.Function<String, RevocationChecker> checkers,
			SenderConstraints senderConstraints) {
		this.delegate = delegate;
		this.checkers = checkers;
		this.senderConstraints = senderConstraints;
	}

	@Override
	public Jwt decode(String token) {
		Jwt jwt = this.delegate.decode(token);
		RevocationChecker checker = this.checkers.apply(jwt.getClaimAsString("iss"));
		if (checker == null) {
			return jwt;
		}
		return checked(jwt, token, checker.checkWithClaims(jwt, this.keys), this.senderConstraints, this.keys);
	}

	/**
	 * Applies a verdict of global mode to a locally valid token: inactive → 401, no answer under
	 * {@code deny} → 503, active → the answer's binding is enforced and its sign-in taken.
	 * @param jwt the locally valid token
	 * @param token its text
	 * @param checked the verdict
	 * @param senderConstraints checks a binding the answer names and the token does not
	 * @param keys remembers the token as an answer reports it (built once per token and answer)
	 * @return the token, with the sign-in the answer reports
	 * @throws InvalidTokenException when the token is not active or its binding is not proven
	 * @throws IntrospectionUnavailableException when there is no answer under {@code deny}
	 */
	static Jwt checked(Jwt jwt, String token, RevocationChecker.Checked checked, SenderConstraints senderConstraints,
			TokenKeys keys) {
		switch (checked.verdict()) {
			case INACTIVE -> throw new InvalidTokenException(TokenRejection.REVOKED, "The access token is not active");
			case UNAVAILABLE -> throw new IntrospectionUnavailableException("The introspection endpoint is unavailable");
			case ACTIVE -> {
				verifyBinding(senderConstraints, token, jwt.getClaims().get("cnf"), checked.result());
				IntrospectionResult answer = checked.result();
				return keys.signedIn(jwt, answer, () -> withSignIn(jwt, answer));
			}
			default -> {
			}
		}
		return jwt;
	}

	/**
	 * The token with the sign-in the authorization server reports now ({@code acr},
	 * {@code auth_time} of the answer, which step-up judges), when the answer has one.
	 */
	private static Jwt withSignIn(Jwt jwt, IntrospectionResult answer) {
		Map<String, Object> reported = answer.claims();
		if (!reported.containsKey("acr") && !reported.containsKey("auth_time")) {
			return jwt;
		}
		SignInClaims.check(reported);
		Map<String, Object> claims = new LinkedHashMap<>(jwt.getClaims());
		for (String name : List.of("acr", "auth_time")) {
			if (reported.containsKey(name)) {
				claims.put(name, reported.get(name));
			}
		}
		return Jwt.withTokenValue(jwt.getTokenValue())
			.headers((headers) -> headers.putAll(jwt.getHeaders()))
			.claims((values) -> values.putAll(claims))
			.build();
	}

	/**
	 * Enforces a binding ({@code cnf}) that an active introspection answer names for a token that
	 * was validated locally: the token's own binding was already checked; the answer may add one
	 * but not contradict it.
	 * @param constraints the sender-constraint checks
	 * @param token the token
	 * @param tokenConfirmation the token's own {@code cnf}, or {@code null}
	 * @param answer the introspection answer
	 * @throws InvalidTokenException when the request does not prove the answer's binding
	 */
	public static void verifyBinding(SenderConstraints constraints, String token, Object tokenConfirmation,
			IntrospectionResult answer) {
		Object confirmation = (answer != null) ? answer.claims().get("cnf") : null;
		if (confirmation == null || confirmation.equals(tokenConfirmation)) {
			return;
		}
		if (tokenConfirmation != null || (confirmation instanceof java.util.Map<?, ?> members
				&& members.containsKey("jkt"))) {
			// a DPoP key the token itself does not name can never be proven under either scheme
			throw new InvalidTokenException(TokenRejection.INVALID_BINDING,
					"The authorization server's binding (cnf) differs from the token's");
		}
		constraints.verify(token, confirmation);
	}

}
