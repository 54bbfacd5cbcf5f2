package dev.warden.internal.revocation;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Refuses an opaque token the authorization server still calls active when a revocation entry
 * matches its introspection answer ({@code iss}, {@code sub}, {@code iat}, {@code sid}, {@code jti},
 * {@code email}): 401 {@code invalid_token}, "The access token has been revoked".
 */
public final class RevokingOpaqueTokenIntrospector implements OpaqueTokenIntrospector {

	private final OpaqueTokenIntrospector delegate;

	private final Revocations revocations;

	/**
	 * Creates the introspector.
	 * @param delegate the introspector
	 * @param revocations the revocation list
	 */
	public RevokingOpaqueTokenIntrospector(OpaqueTokenIntrospector delegate, Revocations revocations) {
		this.delegate = delegate;
		this.revocations = revocations;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		OAuth2AuthenticatedPrincipal principal = this.delegate.introspect(token);
		if (this.revocations.revokes(principal.getAttributes()) != null) {
			throw new BadOpaqueTokenException(RevokingJwtDecoder.REVOKED);
		}
		return principal;
	}

}
