package dev.warden.internal.jwt;

import java.security.cert.X509Certificate;
import java.util.function.Supplier;

import dev.warden.jwt.TokenRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The client certificate of a request that is not a servlet one (a WebFlux exchange), where Spring
 * Security's certificate-thumbprint validator looks for it: the request attribute
 * {@code jakarta.servlet.request.X509Certificate} of {@link RequestContextHolder}. Bound only for
 * the duration of a decode, on the thread that decodes, and only where no request is bound already.
 */
final class CertificateRequestAttributes implements RequestAttributes {

	static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private final TokenRequest request;

	private CertificateRequestAttributes(TokenRequest request) {
		this.request = request;
	}

	/**
	 * Runs work with the request's certificate visible to Spring Security's validator.
	 * @param <T> the result type
	 * @param request the request, or {@code null}
	 * @param work the work
	 * @return its result
	 */
	static <T> T with(TokenRequest request, Supplier<T> work) {
		if (request == null || RequestContextHolder.getRequestAttributes() != null) {
			return work.get();
		}
		RequestContextHolder.setRequestAttributes(new CertificateRequestAttributes(request));
		try {
			return work.get();
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
	}

	@Override
	public Object getAttribute(String name, int scope) {
		if (scope != SCOPE_REQUEST || !CERTIFICATE_ATTRIBUTE.equals(name)) {
			return null;
		}
		X509Certificate certificate = this.request.clientCertificate();
		return (certificate != null) ? new X509Certificate[] { certificate } : null;
	}

	@Override
	public void setAttribute(String name, Object value, int scope) {
	}

	@Override
	public void removeAttribute(String name, int scope) {
	}

	@Override
	public String[] getAttributeNames(int scope) {
		return new String[0];
	}

	@Override
	public void registerDestructionCallback(String name, Runnable callback, int scope) {
	}

	@Override
	public Object resolveReference(String key) {
		return null;
	}

	@Override
	public String getSessionId() {
		throw new IllegalStateException("A token request has no session");
	}

	@Override
	public Object getSessionMutex() {
		return this;
	}

}
