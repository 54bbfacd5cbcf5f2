package dev.warden.scope;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * A live check of the token behind an authentication, for endpoints that declare
 * {@link RequireLiveCheck}. Throws an {@link AuthenticationException}: an
 * {@code InvalidBearerTokenException} (401) when the token is no longer active, an
 * {@code AuthenticationServiceException} (503) when the check cannot be made — never a 403.
 */
@FunctionalInterface
public interface LiveTokenCheck {

	/**
	 * Checks the token.
	 * @param authentication the authenticated request's token
	 * @throws AuthenticationException when the token is not active or cannot be checked
	 */
	void verify(AbstractOAuth2TokenAuthenticationToken<?> authentication) throws AuthenticationException;

	/**
	 * Whether tokens like this one can be checked at all, e.g. whether their issuer offers a live
	 * check to this service. A token that cannot be is refused with 403 (its kind of token is not
	 * accepted here), not with a 503 that a retry could never cure.
	 * @param authentication the authenticated request's token
	 * @return whether {@link #verify} can check it; {@code true} by default
	 */
	default boolean canCheck(AbstractOAuth2TokenAuthenticationToken<?> authentication) {
		return true;
	}

}
