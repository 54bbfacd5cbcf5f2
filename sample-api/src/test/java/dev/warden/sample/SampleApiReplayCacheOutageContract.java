package dev.warden.sample;

import java.util.List;

import dev.warden.jwt.DPoPReplayCache;
import dev.warden.test.DPoPKey;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared DPoP replay cache that cannot be reached: the proof cannot be checked for replay, which
 * is a 503 with {@code Retry-After} — not a 401 (the proof may be fine), never a 500.
 * <p>
 * Written once and run against both samples ({@code SampleApiReplayCacheOutageTest} on Spring MVC,
 * {@code SampleApiReactiveReplayCacheOutageTest} on WebFlux).
 */
public abstract class SampleApiReplayCacheOutageContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	/** The replay cache of a shared store that cannot be reached; imported by the subclasses. */
	@TestConfiguration
	public static class UnreachableStore {

		@Bean
		DPoPReplayCache unreachableReplayCache() {
			return (key, expiresAt) -> {
				throw new IllegalStateException("connection refused");
			};
		}

	}

	@Test
	void aReplayCacheThatFailsIsA503() {
		DPoPKey key = DPoPKey.ec();
		String token = issuer.token().scopes("orders:read").boundTo(key).sign();
		String proof = key.proof("GET", "http://127.0.0.1:" + this.port + "/api/orders", token);
		Answer answer = new Http(this.port).raw("/api/orders", List.of("Authorization: DPoP " + token, "DPoP: " + proof));
		assertThat(answer.status()).isEqualTo(503);
		assertThat(answer.header("Retry-After")).isEqualTo("1");
		assertThat(answer.header("WWW-Authenticate")).isNull();
		assertThat(answer.body()).contains("\"detail\":\"A check of the request cannot be made now; retry later.\"",
				"\"error\":\"temporarily_unavailable\"");
	}

}
