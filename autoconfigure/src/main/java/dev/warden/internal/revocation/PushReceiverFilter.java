package dev.warden.internal.revocation;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The servlet face of the RFC 8935 push endpoint ({@link PushReceiver}): reads the request, at
 * most the size limit of its body, and writes the receiver's answer.
 */
public final class PushReceiverFilter extends OncePerRequestFilter {

	private final PushReceiver receiver;

	/**
	 * Creates the filter.
	 * @param receiver the endpoint
	 */
	public PushReceiverFilter(PushReceiver receiver) {
		this.receiver = receiver;
	}

	/**
	 * The endpoint's path.
	 * @return the path
	 */
	public String path() {
		return this.receiver.path();
	}

	/**
	 * Whether a request is for this endpoint.
	 * @param request the request
	 * @return whether its path (within the context) is the endpoint's
	 */
	public boolean matches(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return uri != null && uri.length() >= context.length()
				&& uri.substring(context.length()).equals(this.receiver.path());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		PushReceiver.Answer answer = this.receiver.refusal(request.getMethod(),
				request.getHeader(HttpHeaders.AUTHORIZATION), request.getContentType(), request.getContentLengthLong());
		if (answer == null) {
			byte[] body = request.getInputStream().readNBytes(this.receiver.maxBytes() + 1);
			answer = this.receiver.receive(body);
		}
		response.setStatus(answer.status());
		answer.headers().forEach(response::setHeader);
		if (answer.body() != null) {
			response.setContentLength(answer.body().length);
			response.getOutputStream().write(answer.body());
		}
		response.flushBuffer();
	}

}
