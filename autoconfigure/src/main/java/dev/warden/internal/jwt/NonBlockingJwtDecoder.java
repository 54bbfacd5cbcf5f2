package dev.warden.internal.jwt;

import dev.warden.jwt.TokenRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The token pipeline as a {@link ReactiveJwtDecoder} that never blocks its caller (a WebFlux event
 * loop): a {@code Bearer} token found in the verified-token cache, whose key set needs no refresh,
 * is served inline (a hash and the every-request checks, no call); everything else — the JWKS fetch,
 * the signature, a DPoP proof and its replay cache, an application's own decoder — runs on a
 * scheduler for blocking work ({@link Schedulers#boundedElastic()} by default).
 * <p>
 * The request as the pipeline sees it is taken from the Reactor context, under the key
 * {@code TokenRequest.class}, and bound to whichever thread decodes, for the checks that bind a
 * token to its sender (certificate, DPoP).
 */
public final class NonBlockingJwtDecoder implements ReactiveJwtDecoder {

	private final JwtDecoder delegate;

	private final TrustedIssuers issuers;

	private final WardenJwtDecoder single;

	private final VerifiedTokenCache cache;

	private final int maxTokenLength;

	private final Scheduler blocking;

	private final boolean wardens;

	private NonBlockingJwtDecoder(JwtDecoder delegate, TrustedIssuers issuers, Scheduler blocking) {
		this.delegate = delegate;
		this.blocking = blocking;
		this.wardens = delegate instanceof WardenJwtDecoder || delegate instanceof IssuerRoutingJwtDecoder;
		this.issuers = issuers;
		this.single = (delegate instanceof WardenJwtDecoder decoder) ? decoder : null;
		WardenJwtDecoder first = (issuers != null) ? issuers.all().get(0).decoder() : null;
		this.cache = (first != null) ? first.cache() : null;
		this.maxTokenLength = (first != null) ? first.maxTokenLength() : 0;
	}

	/**
	 * Adapts a decoder; cache hits are served inline when it is Warden's pipeline.
	 * @param decoder the decoder bean: Warden's ({@link WardenJwtDecoder} or
	 * {@link IssuerRoutingJwtDecoder}) or the application's
	 * @param issuers the trusted issuers whose pipelines the decoder is, or {@code null}
	 * @param blocking where work that may block runs
	 * @return the reactive decoder
	 */
	public static NonBlockingJwtDecoder of(JwtDecoder decoder, TrustedIssuers issuers, Scheduler blocking) {
		TrustedIssuers own = null;
		if (decoder instanceof IssuerRoutingJwtDecoder routing) {
			own = routing.issuers();
		}
		else if (decoder instanceof WardenJwtDecoder warden && issuers != null
				&& issuers.all().stream().anyMatch((issuer) -> issuer.decoder() == warden)) {
			own = issuers;
		}
		return new NonBlockingJwtDecoder(decoder, own, blocking);
	}

	/**
	 * Adapts a decoder, running blocking work on {@link Schedulers#boundedElastic()}.
	 * @param decoder the decoder bean
	 * @param issuers the trusted issuers whose pipelines the decoder is, or {@code null}
	 * @return the reactive decoder
	 */
	public static NonBlockingJwtDecoder of(JwtDecoder decoder, TrustedIssuers issuers) {
		return of(decoder, issuers, Schedulers.boundedElastic());
	}

	/**
	 * Whether the decoder is Warden's own pipeline, which checks DPoP proofs and certificate
	 * bindings.
	 * @return whether it is Warden's
	 */
	public boolean isWardens() {
		return this.wardens;
	}

	/**
	 * The blocking decoder behind this one.
	 * @return the decoder
	 */
	public JwtDecoder delegate() {
		return this.delegate;
	}

	@Override
	public Mono<Jwt> decode(String token) throws JwtException {
		return Mono.deferContextual((context) -> {
			TokenRequest request = context.getOrDefault(TokenRequest.class, null);
			Jwt inline;
			try {
				inline = TokenRequest.with(request,
						() -> CertificateRequestAttributes.with(request, () -> decodeCached(token, request)));
			}
			catch (JwtException ex) {
				return Mono.error(ex);
			}
			if (inline != null) {
				return Mono.just(inline);
			}
			return Mono
				.fromCallable(() -> TokenRequest.with(request,
						() -> CertificateRequestAttributes.with(request, () -> this.delegate.decode(token))))
				.subscribeOn(this.blocking)
				.transform(EventLoops::resume);
		});
	}

	/**
	 * Decodes a token from the verified-token cache when that needs no call: a {@code Bearer} token
	 * (a DPoP proof is checked against a replay cache that may be remote), cached by a trusted
	 * issuer whose key set is not due for a refresh (checking that the key is still published would
	 * fetch it).
	 * @return the token, or {@code null} when it must be decoded where blocking is allowed
	 */
	private Jwt decodeCached(String token, TokenRequest request) {
		if (this.cache == null || token == null || token.isEmpty() || token.length() > this.maxTokenLength
				|| (request != null && request.scheme() == TokenRequest.Scheme.DPOP)) {
			return null;
		}
		long start = System.nanoTime();
		VerifiedTokenCache.Key key = VerifiedTokenCache.key(token);
		VerifiedTokenCache.Entry entry = this.cache.get(key);
		TrustedIssuers.Issuer owner = (entry != null) ? this.issuers.named(entry.issuer()) : null;
		if (owner == null) {
			return null;
		}
		JwksStatus status = owner.status();
		if (status.snapshot().lastSuccess() != null && status.refreshDue()) {
			return null;
		}
		if (this.single == null && request != null) {
			// as the issuer router records it, for audit lines
			request.issuer(owner.name());
		}
		return owner.decoder().decode(token, key, entry, start);
	}

}
