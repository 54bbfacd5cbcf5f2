package dev.warden.internal.introspection;

import dev.warden.internal.jwt.EventLoops;
import dev.warden.jwt.TokenRequest;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;

/**
 * Opaque tokens on the reactive stack, through introspection alone, as
 * {@link IntrospectionOpaqueTokenIntrospector} on the servlet stack: the answer is awaited without
 * blocking, and the answer's binding is checked with the request, from the Reactor context, bound.
 */
public final class ReactiveIntrospectionOpaqueTokenIntrospector implements ReactiveOpaqueTokenIntrospector {

	private final IntrospectionOpaqueTokenIntrospector introspector;

	/**
	 * Creates the introspector.
	 * @param introspector the servlet stack's introspector, whose checker and answers it shares
	 */
	public ReactiveIntrospectionOpaqueTokenIntrospector(IntrospectionOpaqueTokenIntrospector introspector) {
		this.introspector = introspector;
	}

	@Override
	public Mono<OAuth2AuthenticatedPrincipal> introspect(String token) {
		return Mono.deferContextual((context) -> {
			TokenRequest request = context.getOrDefault(TokenRequest.class, null);
			return Mono.fromFuture(() -> this.introspector.checker().checkAsync(token, null, false))
				.transform(EventLoops::resume)
				.map((checked) -> TokenRequest.with(request, () -> this.introspector.principal(token, checked)));
		});
	}

}
