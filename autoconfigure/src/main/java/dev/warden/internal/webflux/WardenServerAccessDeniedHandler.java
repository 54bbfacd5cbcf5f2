package dev.warden.internal.webflux;

import dev.warden.internal.web.AccessDenials;
import dev.warden.internal.web.AuditLog;
import reactor.core.publisher.Mono;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * The reactive twin of {@code WardenAccessDeniedHandler}: 403 {@code insufficient_scope} through the
 * same {@link AccessDenials}, with the same audit line.
 */
public final class WardenServerAccessDeniedHandler implements ServerAccessDeniedHandler {

	private final AccessDenials denials;

	private final AuditLog audit;

	/**
	 * Creates the handler.
	 * @param nameRequiredScopes whether the answer names the required scopes
	 * @param audit where denials are recorded, or {@code null}
	 */
	public WardenServerAccessDeniedHandler(boolean nameRequiredScopes, AuditLog audit) {
		this.denials = new AccessDenials(nameRequiredScopes);
		this.audit = audit;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return exchange.getPrincipal()
			.map((principal) -> (principal instanceof Authentication authentication) ? authentication : null)
			.flatMap((authentication) -> deny(exchange, denied, authentication))
			.switchIfEmpty(Mono.defer(() -> deny(exchange, denied, null)));
	}

	/**
	 * Answers a denial of an authenticated caller.
	 * @param exchange the exchange
	 * @param denied the denial
	 * @param authentication the caller, or {@code null}
	 * @return completes when answered
	 */
	Mono<Void> deny(ServerWebExchange exchange, AccessDeniedException denied, Authentication authentication) {
		AccessDenials.Denial denial = this.denials.answer(denied);
		if (this.audit != null) {
			this.audit.denied(ExchangeAnswers.auditRequest(exchange), 403, denial.outcome(), denial.description(),
					authentication, denial.required());
		}
		return ExchangeAnswers.write(exchange, denial.answer().status(), denial.answer().headers(),
				denial.answer().body());
	}

}
