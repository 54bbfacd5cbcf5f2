package dev.warden.jwt;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A {@link TokenRequest} with fixed values ({@link TokenRequest#of}).
 */
record FixedTokenRequest(Scheme scheme, String method, String uri, List<String> dpopProofs,
		X509Certificate clientCertificate) implements TokenRequest {
}
