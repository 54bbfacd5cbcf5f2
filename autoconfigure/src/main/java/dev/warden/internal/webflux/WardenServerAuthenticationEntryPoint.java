package dev.warden.internal.webflux;

import java.util.function.Predicate;

import dev.warden.internal.web.AuditLog;
import dev.warden.internal.web.AuthenticationFailures;
import dev.warden.internal.web.ErrorAnswer;
import dev.warden.internal.web.ResourceMetadata;
import reactor.core.publisher.Mono;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * The reactive twin of {@code WardenAuthenticationEntryPoint}: every authentication failure is
 * answered through the same {@link AuthenticationFailures} (401 with a challenge naming
 * {@code resource_metadata}, 400 {@code invalid_request}, 503 with {@code Retry-After}, never a
 * 500), with the same audit line.
 */
public final class WardenServerAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	private final AuthenticationFailures failures;

	private final AuditLog audit;

	private final ResourceMetadata metadata;

	private final Predicate<ServerWebExchange> dpopRequired;

	/**
	 * Creates the entry point.
	 * @param failures the answers
	 * @param audit where denials are recorded, or {@code null}
	 * @param metadata the resource metadata named in challenges, or {@code null}
	 * @param dpopRequired whether an exchange's endpoint (or the whole service) accepts only
	 * DPoP-bound tokens
	 */
	public WardenServerAuthenticationEntryPoint(AuthenticationFailures failures, AuditLog audit,
			ResourceMetadata metadata, Predicate<ServerWebExchange> dpopRequired) {
		this.failures = failures;
		this.audit = audit;
		this.metadata = metadata;
		this.dpopRequired = dpopRequired;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException exception) {
		ServerTokenRequest tokenRequest = ServerTokenRequest.of(exchange);
		AuthenticationFailures.Failure failure = this.failures.answer(exception,
				(this.metadata != null) ? this.metadata.url(ResourceMetadataWebFilter.origin(exchange),
						ResourceMetadataWebFilter.contextPath(exchange)) : null,
				(tokenRequest != null) ? tokenRequest.scheme() : null, () -> this.dpopRequired.test(exchange));
		if (this.audit != null) {
			this.audit.denied(ExchangeAnswers.auditRequest(exchange), failure.status(), failure.outcome(),
					failure.reason(), null, null);
		}
		ErrorAnswer answer = failure.answer();
		return ExchangeAnswers.write(exchange, answer.status(), answer.headers(), answer.body());
	}

}
