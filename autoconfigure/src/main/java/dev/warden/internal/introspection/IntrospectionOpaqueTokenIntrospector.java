package dev.warden.internal.introspection;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.warden.internal.Claims;
import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.jwt.InvalidTokenException;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Opaque (non-JWT) tokens, accepted through introspection alone. There is no local validation to
 * fall back on, so a failed call is a 503 whatever the outage policy. The principal is named by
 * {@code sub}, else {@code client_id}.
 */
public final class IntrospectionOpaqueTokenIntrospector implements OpaqueTokenIntrospector {

	private final RevocationChecker checker;

	private final Function<Map<String, Object>, Collection<GrantedAuthority>> authorities;

	private final SenderConstraints senderConstraints;

	/**
	 * Creates the introspector.
	 * @param checker the live check
	 * @param authorities maps the answer's claims to authorities (scopes)
	 * @param senderConstraints checks the binding ({@code cnf}) the answer names
	 */
	public IntrospectionOpaqueTokenIntrospector(RevocationChecker checker,
			Function<Map<String, Object>, Collection<GrantedAuthority>> authorities,
			SenderConstraints senderConstraints) {
		this.checker = checker;
		this.authorities = authorities;
		this.senderConstraints = senderConstraints;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		return principal(token, this.checker.checkWithClaims(token, null, false));
	}

	/**
	 * The live check that introspects opaque tokens.
	 * @return the check
	 */
	public RevocationChecker checker() {
		return this.checker;
	}

	/**
	 * The principal of an opaque token, from the verdict on it (introspection made by the caller,
	 * with {@code allowUnchecked} false); the answer's binding is checked against the current
	 * request.
	 * @param token the token
	 * @param checked the verdict
	 * @return the principal
	 * @throws BadOpaqueTokenException when the token is not active, or its answer or binding is not
	 * acceptable (401)
	 * @throws OAuth2IntrospectionException when there is no answer (503)
	 */
	public OAuth2AuthenticatedPrincipal principal(String token, RevocationChecker.Checked checked) {
		switch (checked.verdict()) {
			case ACTIVE -> {
				try {
					this.senderConstraints.verify(token, checked.result().claims().get("cnf"));
				}
				catch (InvalidTokenException ex) {
					// the cause keeps the DPoP error code for the answer
					throw new BadOpaqueTokenException(ex.getMessage(), ex);
				}
				catch (JwtException ex) {
					// the check could not be made (shared state down): 503, like an introspection outage
					throw new OAuth2IntrospectionException(ex.getMessage(), ex);
				}
				return principal(checked.result().claims());
			}
			case INACTIVE -> throw new BadOpaqueTokenException("The access token is not active");
			default -> throw new OAuth2IntrospectionException("The introspection endpoint is unavailable");
		}
	}

	private OAuth2AuthenticatedPrincipal principal(Map<String, Object> claims) {
		try {
			SignInClaims.check(claims);
		}
		catch (InvalidTokenException ex) {
			throw new BadOpaqueTokenException(ex.getMessage(), ex);
		}
		Map<String, Object> attributes = new LinkedHashMap<>(claims);
		Instant exp = instant(claims.get("exp"));
		Instant iat = instant(claims.get("iat"));
		attributes.remove("exp");
		attributes.remove("iat");
		attributes.remove("nbf");
		if (exp != null) {
			attributes.put("exp", exp);
		}
		if (iat != null && (exp == null || exp.isAfter(iat))) {
			attributes.put("iat", iat);
		}
		Collection<GrantedAuthority> granted;
		try {
			granted = this.authorities.apply(claims);
		}
		catch (RuntimeException ex) {
			throw new BadOpaqueTokenException("The token's scope claim is not a string or an array of strings");
		}
		String name = Claims.principalName(claims);
		if (name == null) {
			throw new BadOpaqueTokenException("The token names no subject (sub) or client (client_id)");
		}
		return new OAuth2IntrospectionAuthenticatedPrincipal(name, attributes, granted);
	}

	private static Instant instant(Object value) {
		return (value instanceof Number number) ? IntrospectionClient.toInstant(number) : null;
	}

}
