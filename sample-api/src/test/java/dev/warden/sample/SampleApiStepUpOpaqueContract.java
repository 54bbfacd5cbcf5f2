package dev.warden.sample;

import java.time.Instant;
import java.util.Map;

import dev.warden.test.Challenges;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step-up with opaque tokens: {@code acr} and {@code auth_time} come from the introspection answer.
 * <p>
 * Written once and run against both samples ({@code SampleApiStepUpOpaqueTest} on Spring MVC,
 * {@code SampleApiReactiveStepUpOpaqueTest} on WebFlux).
 */
public abstract class SampleApiStepUpOpaqueContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	private Answer refund(Map<String, Object> claims) {
		return this.http.send("POST", "/api/orders/2/refund", issuer.opaqueToken(claims), "application/json", "{}");
	}

	@Test
	void theIntrospectionAnswersSignInIsJudged() {
		long now = Instant.now().getEpochSecond();
		assertThat(refund(Map.of("sub", "bob", "scope", "orders:write", "acr", "mfa", "auth_time", now)).status())
			.isEqualTo(200);
		Answer weak = refund(Map.of("sub", "bob", "scope", "orders:write", "acr", "pwd", "auth_time", now));
		assertThat(weak.status()).isEqualTo(401);
		assertThat(weak.header("WWW-Authenticate")).matches(Challenges.withMetadata(
				"Bearer error=\"insufficient_user_authentication\", error_description=\"This endpoint requires a sign-in "
						+ "at level mfa or above\", acr_values=\"mfa phr\", max_age=\"300\""));
	}

	@Test
	void anAnswerWithClaimsOfTheWrongTypeIsAnInvalidToken() {
		Answer answer = refund(Map.of("sub", "bob", "scope", "orders:write", "acr", 3, "auth_time", "now"));
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(Challenges.withMetadata(
				"Bearer error=\"invalid_token\", error_description=\"The token's acr claim is not a string\""));
	}

}
