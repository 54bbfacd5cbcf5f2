package dev.warden.internal.revocation;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;

/**
 * The reactive {@link RevokingOpaqueTokenIntrospector}: refuses an opaque token the authorization
 * server still calls active when a revocation entry matches its introspection answer.
 */
public final class ReactiveRevokingOpaqueTokenIntrospector implements ReactiveOpaqueTokenIntrospector {

	private final ReactiveOpaqueTokenIntrospector delegate;

	private final Revocations revocations;

	/**
	 * Creates the introspector.
	 * @param delegate the introspector
	 * @param revocations the revocation list
	 */
	public ReactiveRevokingOpaqueTokenIntrospector(ReactiveOpaqueTokenIntrospector delegate, Revocations revocations) {
		this.delegate = delegate;
		this.revocations = revocations;
	}

	@Override
	public Mono<OAuth2AuthenticatedPrincipal> introspect(String token) {
		return this.delegate.introspect(token).handle((principal, sink) -> {
			if (this.revocations.revokes(principal.getAttributes()) != null) {
				sink.error(new BadOpaqueTokenException(RevokingJwtDecoder.REVOKED));
			}
			else {
				sink.next(principal);
			}
		});
	}

}
