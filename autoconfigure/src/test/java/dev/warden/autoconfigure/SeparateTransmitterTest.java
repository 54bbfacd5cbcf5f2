package dev.warden.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import dev.warden.internal.revocation.PushReceiverFilter;
import dev.warden.internal.revocation.Revocations;
import dev.warden.test.SecurityEventTokens;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A separate transmitter ({@code warden.revocation.push.issuer} and {@code jwks-uri}), its keys
 * fetched over real HTTP: its SETs revoke the subjects of any trusted issuer, a token issuer cannot
 * pass for it, and while its keys cannot be fetched a SET gets RFC 8935's {@code invalid_key} and
 * changes nothing.
 */
class SeparateTransmitterTest {

	private static final String TOKEN_ISSUER = "https://auth.example.com";

	private final WardenTestIssuer transmitter = WardenTestIssuer.start("orders-api", "ssf", "ssf-secret");

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class, WardenRevocationAutoConfiguration.class))
		.withPropertyValues("warden.issuer=" + TOKEN_ISSUER, "warden.audiences=orders-api", "warden.jwks.warm-up=false",
				"warden.revocation.push.enabled=true",
				"warden.revocation.push.issuer=" + this.transmitter.issuer(),
				"warden.revocation.push.jwks-uri=" + this.transmitter.jwksUri());

	@AfterEach
	void stop() {
		this.transmitter.close();
	}

	private static MockHttpServletResponse push(PushReceiverFilter receiver, String set) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/ssf/events");
		request.setContentType("application/secevent+jwt");
		request.setContent(set.getBytes(StandardCharsets.US_ASCII));
		MockHttpServletResponse response = new MockHttpServletResponse();
		receiver.doFilter(request, response, new MockFilterChain());
		return response;
	}

	private String revokeAlice() {
		return SecurityEventTokens.set(this.transmitter.rsaKey(), this.transmitter.issuer(), "orders-api")
			.subject(SecurityEventTokens.issSub(TOKEN_ISSUER, "alice"))
			.event(SecurityEventTokens.SESSION_REVOKED, Instant.now())
			.sign();
	}

	@Test
	void itsSetsRevokeTheSubjectsOfATrustedIssuer() {
		this.runner.run((context) -> {
			PushReceiverFilter receiver = context.getBean(PushReceiverFilter.class);
			assertThat(push(receiver, revokeAlice()).getStatus()).isEqualTo(202);
			Revocations revocations = context.getBean(Revocations.class);
			assertThat(revocations.revokes(Map.of("iss", TOKEN_ISSUER, "sub", "alice", "iat",
					Instant.now().minusSeconds(60).getEpochSecond()))).isNotNull();
			assertThat(revocations.revokes(Map.of("iss", TOKEN_ISSUER, "sub", "bob", "iat",
					Instant.now().minusSeconds(60).getEpochSecond()))).isNull();
			assertThat(this.transmitter.jwksRequests()).isPositive();
		});
	}

	@Test
	void whileItsKeysCannotBeFetchedASetGetsInvalidKeyAndChangesNothing() {
		this.transmitter.jwksDown();
		this.runner.run((context) -> {
			PushReceiverFilter receiver = context.getBean(PushReceiverFilter.class);
			MockHttpServletResponse answer = push(receiver, revokeAlice());
			assertThat(answer.getStatus()).isEqualTo(400);
			assertThat(answer.getContentAsString())
				.isEqualTo("{\"err\":\"invalid_key\",\"description\":\"The transmitter's keys cannot be fetched now\"}");
			assertThat(context.getBean(Revocations.class).size()).isZero();
		});
	}

	@Test
	void aSetSignedWithAnotherKeyInTheTransmittersNameIsRefused() {
		WardenTestIssuer impostor = WardenTestIssuer.start("orders-api", "x", "y");
		try {
			this.runner.run((context) -> {
				String set = SecurityEventTokens.set(impostor.rsaKey(), this.transmitter.issuer(), "orders-api")
					.subject(SecurityEventTokens.issSub(TOKEN_ISSUER, "alice"))
					.event(SecurityEventTokens.SESSION_REVOKED, Instant.now())
					.sign();
				MockHttpServletResponse answer = push(context.getBean(PushReceiverFilter.class), set);
				assertThat(answer.getStatus()).isEqualTo(400);
				assertThat(answer.getContentAsString()).contains("\"err\":\"invalid_key\"");
				assertThat(context.getBean(Revocations.class).size()).isZero();
			});
		}
		finally {
			impostor.close();
		}
	}

}
