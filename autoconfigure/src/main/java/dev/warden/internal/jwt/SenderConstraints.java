package dev.warden.internal.jwt;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Map;

import dev.warden.internal.Digests;
import dev.warden.jwt.DPoPListener;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;
import dev.warden.jwt.TokenRequest;

/**
 * Sender-constrained tokens: the proof of possession a token's {@code cnf} claim asks for, checked
 * against the {@link TokenRequest} on every request (cached tokens included), for JWTs and for
 * introspection answers alike.
 * <ul>
 * <li>{@code x5t#S256} (RFC 8705 §3): the request presents the client certificate with that
 * SHA-256 thumbprint (mutual TLS, or the header of a proxy the operator trusts).</li>
 * <li>{@code jkt} (RFC 9449 §7): the token comes with the {@code DPoP} scheme and a proof signed by
 * that key. A token without {@code jkt} is refused under the {@code DPoP} scheme (§7.1), and, where
 * DPoP is required, under the {@code Bearer} scheme too.</li>
 * </ul>
 * A stolen sender-constrained token is worth nothing without the certificate's or the DPoP key's
 * private key. Outside a request nothing can be proven, and such a token is refused.
 * <p>
 * Spring Security has the certificate check too ({@code X509CertificateThumbprintValidator},
 * package-private, reading the servlet request through a thread-local); it still runs among Spring
 * Security's default validators. Warden's reads the {@link TokenRequest}, which also serves the
 * reactive stack and a trusted proxy's header, and answers with Warden's sentences.
 */
public final class SenderConstraints {

	private final DPoPProofVerifier proofs;

	SenderConstraints(DPoPProofVerifier proofs) {
		this.proofs = proofs;
	}

	/**
	 * Creates the checks.
	 * @param dpop how DPoP proofs are checked
	 * @param listener told about each proof
	 * @return the checks
	 */
	public static SenderConstraints of(DPoPSettings dpop, DPoPListener listener) {
		return new SenderConstraints(new DPoPProofVerifier(dpop, listener));
	}

	/**
	 * Checks a token's binding against the current request.
	 * @param token the access token
	 * @param confirmation its {@code cnf} claim (or introspection member), or {@code null}
	 * @throws InvalidTokenException when the request does not prove possession
	 */
	public void verify(String token, Object confirmation) {
		TokenError error = check(token, confirmation);
		if (error != null) {
			throw error.toException();
		}
	}

	TokenError check(String token, Object confirmation) {
		if (confirmation != null && !(confirmation instanceof Map)) {
			return new TokenError(TokenRejection.MALFORMED, "The token's confirmation (cnf) claim is not a JSON object");
		}
		Map<?, ?> members = (Map<?, ?>) confirmation;
		TokenRequest request = TokenRequest.current();
		TokenError certificate = checkCertificate(request, member(members, ConfirmationValidator.CERTIFICATE_THUMBPRINT));
		return (certificate != null) ? certificate
				: checkDPoP(request, token, member(members, ConfirmationValidator.KEY_THUMBPRINT));
	}

	private static TokenError checkCertificate(TokenRequest request, String expected) {
		if (expected == null) {
			return null;
		}
		X509Certificate certificate = (request != null) ? request.clientCertificate() : null;
		if (certificate == null) {
			return binding("The access token is bound to a client certificate, and the request presents none");
		}
		String thumbprint;
		try {
			thumbprint = Digests.base64UrlSha256(certificate.getEncoded());
		}
		catch (CertificateEncodingException ex) {
			return binding("The request's client certificate cannot be read");
		}
		if (!Digests.constantTimeEquals(thumbprint, expected)) {
			return binding("The request's client certificate does not match the token's binding (cnf x5t#S256)");
		}
		return null;
	}

	private TokenError checkDPoP(TokenRequest request, String token, String boundKey) {
		TokenRequest.Scheme scheme = (request != null) ? request.scheme() : null;
		if (scheme == TokenRequest.Scheme.DPOP && this.proofs.settings().enabled()) {
			if (boundKey == null) {
				return binding(this.proofs.settings().required() ? "This resource accepts only DPoP-bound access tokens"
						: "The access token is not bound to a DPoP key (cnf jkt); send it with the Bearer scheme");
			}
			return this.proofs.verify(request, token, boundKey);
		}
		if (boundKey != null) {
			return binding("The access token is bound to a DPoP key; send it with the DPoP scheme and a proof");
		}
		if (this.proofs.settings().required()) {
			return binding("This resource accepts only DPoP-bound access tokens");
		}
		return null;
	}

	private static String member(Map<?, ?> members, String name) {
		return (members != null && members.get(name) instanceof String value) ? value : null;
	}

	private static TokenError binding(String description) {
		return new TokenError(TokenRejection.INVALID_BINDING, description);
	}

}
