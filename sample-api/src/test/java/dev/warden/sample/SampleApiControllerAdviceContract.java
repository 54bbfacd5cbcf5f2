package dev.warden.sample;

import java.time.Instant;

import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.scope.PublicEndpoint;
import dev.warden.scope.RequireScope;
import dev.warden.test.BearerAnswers;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A controller advice of the worst kind — it answers 200 to every denial it sees — beside the
 * sample API, and a controller that also checks the scope in its own body, as some applications
 * do. The advice does swallow a denial raised in MVC; Warden's denials happen in the filter chain,
 * before any controller runs, and reach the client intact.
 * <p>
 * Written once and run against both samples ({@code SampleApiControllerAdviceTest} on Spring MVC,
 * {@code SampleApiReactiveControllerAdviceTest} on WebFlux).
 */
public abstract class SampleApiControllerAdviceContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	@Test
	void theAdviceTurnsADenialRaisedInAControllerIntoA200() {
		Answer answer = new Http(this.port).get("/test/advice/denied-in-controller", null);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("swallowed");
	}

	@Test
	void controllerAdviceCannotTurnADenialIntoA200() {
		Http http = new Http(this.port);
		BearerAnswers.missingToken(http.get("/test/advice/admin", null));
		BearerAnswers.insufficientScope(http.get("/test/advice/admin", issuer.token().scopes("orders:read").sign()),
				"orders:admin");
		BearerAnswers.invalidToken(http.get("/test/advice/admin",
				issuer.token().scopes("orders:admin").expiresAt(Instant.now().minusSeconds(600)).sign()),
				DecoderOracle.EXPIRED);
		// the sample's own catch-all advice would answer a bad path variable with a 500: no token is a 401 first
		BearerAnswers.missingToken(http.get("/api/orders/not-a-number", null));
		Answer admin = http.get("/test/advice/admin", issuer.token().scopes("orders:admin").sign());
		assertThat(admin.status()).isEqualTo(200);
		assertThat(admin.body()).isEqualTo("admin");
	}

	/** Answers 200 to every denial that reaches the web framework (Spring MVC or WebFlux). */
	@RestControllerAdvice
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public static class SwallowingAdvice {

		@ExceptionHandler({ AccessDeniedException.class, AuthenticationException.class })
		ResponseEntity<String> swallow(RuntimeException ex) {
			return ResponseEntity.ok("swallowed");
		}

	}

	/** Checks the scope again in the handler, so a denial Warden let through would reach the advice. */
	@RestController
	public static class CheckingController {

		@GetMapping("/test/advice/denied-in-controller")
		@PublicEndpoint
		String deniedInController() {
			throw new AccessDeniedException("denied in the controller");
		}

		@GetMapping("/test/advice/admin")
		@RequireScope("orders:admin")
		String admin(Authentication authentication) {
			if (authentication == null || authentication.getAuthorities()
				.stream()
				.noneMatch((authority) -> "SCOPE_orders:admin".equals(authority.getAuthority()))) {
				throw new AccessDeniedException("not an admin");
			}
			return "admin";
		}

	}

}
