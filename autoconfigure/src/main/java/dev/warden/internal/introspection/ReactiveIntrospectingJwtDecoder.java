package dev.warden.internal.introspection;

import java.util.function.Function;

import dev.warden.internal.jwt.EventLoops;
import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.jwt.TokenRequest;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Global mode on the reactive stack, as {@link IntrospectingJwtDecoder} on the servlet stack: every
 * locally valid token of an issuer checked on every request is also introspected. The answer is
 * awaited without blocking (the introspector's cached answer at once, else its call's future); the
 * answer's binding is checked with the request, from the Reactor context, bound.
 */
public final class ReactiveIntrospectingJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder delegate;

	private final Function<String, RevocationChecker> checkers;

	private final SenderConstraints senderConstraints;

	private final TokenKeys keys = new TokenKeys();

	/**
	 * Creates the decoder.
	 * @param delegate local validation
	 * @param checkers the live check of the issuer a token names ({@code iss}), or {@code null} for
	 * an issuer whose tokens are not checked on every request
	 * @param senderConstraints checks a binding the answer names and the token does not
	 */
	public ReactiveIntrospectingJwtDecoder(ReactiveJwtDecoder delegate, Function<String, RevocationChecker> checkers,
			SenderConstraints senderConstraints) {
		this.delegate = delegate;
		this.checkers = checkers;
		this.senderConstraints = senderConstraints;
	}

	@Override
	public Mono<Jwt> decode(String token) {
		return this.delegate.decode(token).flatMap((jwt) -> {
			RevocationChecker checker = this.checkers.apply(jwt.getClaimAsString("iss"));
			if (checker == null) {
				return Mono.just(jwt);
			}
			return Mono.deferContextual((context) -> {
				TokenRequest request = context.getOrDefault(TokenRequest.class, null);
				return Mono.fromFuture(() -> checker.checkAsync(jwt, this.keys))
					.transform(EventLoops::resume)
					.map((checked) -> TokenRequest.with(request,
							() -> IntrospectingJwtDecoder.checked(jwt, token, checked, this.senderConstraints,
									this.keys)));
			});
		});
	}

}
