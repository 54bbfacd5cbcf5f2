package dev.warden.internal.scope;

import dev.warden.scope.RequireDPoP;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A valid token that is not DPoP-bound, on an endpoint that declares {@link RequireDPoP}: 401 with
 * a {@code DPoP} challenge, so that the client knows which kind of token to get.
 */
public class DPoPRequiredException extends InvalidBearerTokenException {

	/** Creates the exception. */
	public DPoPRequiredException() {
		super("This endpoint accepts only DPoP-bound access tokens");
	}

}
