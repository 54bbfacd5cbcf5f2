package dev.warden.internal.scope;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.warden.internal.Claims;
import dev.warden.internal.Scopes;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated {@link Jwt} into an authentication: scopes become {@code SCOPE_…} authorities
 * (so {@code hasScope} and {@code @PreAuthorize} keep working), and the principal's name is
 * {@code sub}, or {@code client_id} for machine-to-machine tokens without a subject.
 * <p>
 * What a token yields is remembered for the {@link Jwt} instance it came from: Warden's decoder hands
 * out the same instance for every request that repeats a cached token, so a repeated token's scopes
 * are read once. The memory is a fixed table of {@value #SLOTS} slots, compared by identity.
 */
public final class WardenJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private static final int SLOTS = 1024;

	private final AtomicReferenceArray<Converted> recent = new AtomicReferenceArray<>(SLOTS);

	private final ScopeClaims scopeClaims;

	private final Map<String, ScopeClaims> byIssuer;

	/**
	 * Creates a converter.
	 * @param scopeClaims how scopes are read from the token
	 */
	public WardenJwtAuthenticationConverter(ScopeClaims scopeClaims) {
		this(scopeClaims, Map.of());
	}

	/**
	 * Creates a converter for several trusted issuers, each of which may carry scopes its own way.
	 * @param scopeClaims how scopes are read from tokens of any other issuer
	 * @param byIssuer how scopes are read from the tokens of an issuer, by its exact {@code iss}
	 */
	public WardenJwtAuthenticationConverter(ScopeClaims scopeClaims, Map<String, ScopeClaims> byIssuer) {
		this.scopeClaims = scopeClaims;
		this.byIssuer = Map.copyOf(byIssuer);
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		int slot = System.identityHashCode(jwt) & (SLOTS - 1);
		Converted converted = this.recent.get(slot);
		if (converted == null || converted.jwt() != jwt) {
			converted = new Converted(jwt, List.copyOf(authorities(jwt)), principalName(jwt));
			this.recent.set(slot, converted);
		}
		return new JwtAuthenticationToken(jwt, converted.authorities(), converted.name());
	}

	private List<GrantedAuthority> authorities(Jwt jwt) {
		ScopeClaims claims = this.scopeClaims;
		if (!this.byIssuer.isEmpty() && jwt.getClaims().get("iss") instanceof String iss) {
			claims = this.byIssuer.getOrDefault(iss, this.scopeClaims);
		}
		return Scopes.authorities(claims.scopes(jwt.getClaims()));
	}

	/** What a token yielded: its authorities and principal name. */
	private record Converted(Jwt jwt, List<GrantedAuthority> authorities, String name) {
	}

	private static String principalName(Jwt jwt) {
		String name = Claims.principalName(jwt.getClaims());
		if (name != null) {
			return name;
		}
		if (jwt.getClaims().get("sub") != null || jwt.getClaims().get("client_id") != null) {
			throw new InvalidBearerTokenException("The token's sub or client_id claim is not a string");
		}
		throw new InvalidBearerTokenException("The token names no subject (sub) or client (client_id)");
	}

}
