package dev.warden.internal.revocation;

import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The reactive {@link RevokingJwtDecoder}: refuses a valid token that a revocation entry matches,
 * 401 {@code invalid_token}, "The access token has been revoked". The lookup is local (a few hash
 * lookups), so it runs wherever the token was decoded.
 */
public final class ReactiveRevokingJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder delegate;

	private final Revocations revocations;

	/**
	 * Creates the decoder.
	 * @param delegate the pipeline
	 * @param revocations the revocation list
	 */
	public ReactiveRevokingJwtDecoder(ReactiveJwtDecoder delegate, Revocations revocations) {
		this.delegate = delegate;
		this.revocations = revocations;
	}

	@Override
	public Mono<Jwt> decode(String token) {
		return this.delegate.decode(token).handle((jwt, sink) -> {
			if (this.revocations.revokes(jwt.getClaims()) != null) {
				sink.error(new InvalidTokenException(TokenRejection.REVOKED, RevokingJwtDecoder.REVOKED));
			}
			else {
				sink.next(jwt);
			}
		});
	}

}
