package dev.warden.jwt;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

/**
 * The request a token arrived with, as the checks that bind a token to its sender need it: how
 * the token was presented, the method and URI (for DPoP proofs), and the client certificate (for
 * certificate-bound tokens). Free of servlet and reactive types, so one token pipeline serves both
 * stacks; the web layer binds the current request for the duration of its processing.
 * <p>
 * Outside a request (no binding), a sender-constrained token can prove nothing and is refused.
 */
public interface TokenRequest {

	/** How the access token was presented in the {@code Authorization} header. */
	enum Scheme {

		/** {@code Authorization: Bearer} (RFC 6750). */
		BEARER,

		/** {@code Authorization: DPoP} with a {@code DPoP} proof header (RFC 9449). */
		DPOP

	}

	/**
	 * How the token was presented.
	 * @return the scheme, or {@code null} when not known
	 */
	Scheme scheme();

	/**
	 * The request method.
	 * @return the method, e.g. {@code GET}
	 */
	String method();

	/**
	 * The absolute request URI without query and fragment, as the application sees it (behind a
	 * proxy, forwarded values only when the application trusts them).
	 * @return the URI
	 */
	String uri();

	/**
	 * The values of the {@code DPoP} header.
	 * @return the proofs, empty when there is none
	 */
	List<String> dpopProofs();

	/**
	 * The client certificate of the request: mutual TLS, or a trusted proxy's header.
	 * @return the end-entity certificate, or {@code null}
	 */
	X509Certificate clientCertificate();

	/**
	 * Records which trusted issuer the token was routed to (several issuers), for audit lines.
	 * @param name the issuer's configured name
	 */
	default void issuer(String name) {
	}

	/**
	 * The trusted issuer the token was routed to.
	 * @return the issuer's configured name, or {@code null} when not known
	 */
	default String issuer() {
		return null;
	}

	/**
	 * Hands the client a fresh DPoP nonce ({@code DPoP-Nonce} response header).
	 * @param nonce the nonce
	 */
	default void offerDPoPNonce(String nonce) {
	}

	/**
	 * A request with fixed values, for checking tokens outside a web request (a message consumer
	 * that receives tokens, a test, a benchmark); bind it with {@link #bind(TokenRequest)}.
	 * @param scheme how the token was presented
	 * @param method the request method
	 * @param uri the absolute request URI without query and fragment
	 * @param dpopProofs the values of the {@code DPoP} header, empty for none
	 * @param clientCertificate the client certificate, or {@code null}
	 * @return the request
	 */
	static TokenRequest of(Scheme scheme, String method, String uri, List<String> dpopProofs,
			X509Certificate clientCertificate) {
		return new FixedTokenRequest(scheme, method, uri, List.copyOf(dpopProofs), clientCertificate);
	}

	/**
	 * The request bound to the current thread.
	 * @return the request, or {@code null} outside one
	 */
	static TokenRequest current() {
		return Holder.CURRENT.get();
	}

	/**
	 * Binds a request to the current thread until the returned scope is closed.
	 * @param request the request
	 * @return the scope; closing it restores the previous binding
	 */
	static Scope bind(TokenRequest request) {
		TokenRequest previous = Holder.CURRENT.get();
		Holder.CURRENT.set(request);
		return () -> {
			if (previous != null) {
				Holder.CURRENT.set(previous);
			}
			else {
				Holder.CURRENT.remove();
			}
		};
	}

	/**
	 * Runs work with a request bound (reactive adapters bind around synchronous validation).
	 * @param <T> the result type
	 * @param request the request
	 * @param work the work
	 * @return its result
	 */
	static <T> T with(TokenRequest request, Supplier<T> work) {
		try (Scope scope = bind(request)) {
			return work.get();
		}
	}

	/** A binding of a request to the current thread. */
	interface Scope extends AutoCloseable {

		@Override
		void close();

	}

	/** The thread binding. */
	final class Holder {

		private static final ThreadLocal<TokenRequest> CURRENT = new ThreadLocal<>();

		private Holder() {
		}

	}

}
