package dev.warden.autoconfigure;

import dev.warden.internal.revocation.PushReceiver;
import dev.warden.internal.revocation.PushReceiverFilter;
import dev.warden.internal.revocation.Revocations;
import dev.warden.internal.revocation.StreamRegistration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WardenRevocationAutoConfiguration}: a revocation list always, the push endpoint only when
 * switched on and only over Warden's own issuers, and the startup failures of
 * {@code warden.revocation.*} and {@code warden.shared-state.*}.
 */
class WardenRevocationAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class, WardenRevocationAutoConfiguration.class))
		.withPropertyValues("warden.issuer=https://auth.example.com", "warden.audiences=orders-api",
				"warden.jwks.warm-up=false");

	@Test
	void aRevocationListAlwaysAndNoPushEndpointUnlessSwitchedOn() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Revocations.class);
			assertThat(context).doesNotHaveBean(PushReceiver.class);
		});
		this.runner.withPropertyValues("warden.revocation.push.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(PushReceiver.class);
			assertThat(context.getBean(PushReceiver.class).path()).isEqualTo("/ssf/events");
		});
	}

	@Test
	void theApplicationsOwnDecoderKeepsTheListButGetsNoPushEndpoint() {
		// SETs are verified with the trusted issuers' keys, which only Warden's pipeline holds
		this.runner.withPropertyValues("warden.revocation.push.enabled=true")
			.withBean(JwtDecoder.class, () -> (token) -> {
				throw new UnsupportedOperationException();
			})
			.run((context) -> {
				assertThat(context).hasSingleBean(Revocations.class);
				assertThat(context).doesNotHaveBean(PushReceiver.class);
			});
	}

	@Test
	void pushWithTheApplicationsOwnDecoderInAWebApplicationFailsStartup() {
		// without the issuers' keys no SET could be verified: say so instead of serving no endpoint
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class,
					WardenRevocationAutoConfiguration.class, WardenScopeAutoConfiguration.class,
					WardenWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
					WebMvcAutoConfiguration.class))
			.withPropertyValues("warden.issuer=https://auth.example.com", "warden.audiences=orders-api",
					"warden.jwks.warm-up=false", "warden.revocation.push.enabled=true")
			.withBean(JwtDecoder.class, () -> (token) -> {
				throw new UnsupportedOperationException();
			})
			.run(StartupFailures.pushWithTheApplicationsOwnDecoder());
	}

	@Test
	void thePushReceiverRunsInsideTheSecurityChainOnly() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class,
					WardenRevocationAutoConfiguration.class))
			.withPropertyValues("warden.issuer=https://auth.example.com", "warden.audiences=orders-api",
					"warden.jwks.warm-up=false", "warden.revocation.push.enabled=true")
			.run((context) -> {
				FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
				assertThat(registration.getFilter()).isSameAs(context.getBean(PushReceiverFilter.class));
				assertThat(registration.isEnabled()).isFalse();
			});
	}

	@Test
	void anUnreachableTransmitterLeavesTheServiceRunningAndRetrying() {
		this.runner
			.withPropertyValues("warden.issuer=http://127.0.0.1:1/realms/warden", "warden.revocation.push.enabled=true",
					"warden.revocation.push.register=true",
					"warden.revocation.push.public-url=https://orders.example.com",
					"warden.revocation.push.client-id=receiver", "warden.revocation.push.client-secret=s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				StreamRegistration registration = context.getBean(StreamRegistration.class);
				long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
				while (registration.status().attempts() == 0 && System.nanoTime() < deadline) {
					Thread.sleep(20);
				}
				StreamRegistration.Status status = registration.status();
				assertThat(status.state()).isEqualTo(StreamRegistration.State.PENDING);
				assertThat(status.attempts()).isEqualTo(1);
				assertThat(status.lastError()).startsWith("No SSF transmitter metadata for http://127.0.0.1:1/realms/warden");
				assertThat(status.nextAttempt()).isNotNull();
			});
	}

	@Test
	void registeringNeedsAPublicUrlAndAClient() {
		this.runner.withPropertyValues("warden.revocation.push.enabled=true", "warden.revocation.push.register=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof InvalidWardenPropertyException)) {
					failure = failure.getCause();
				}
				assertThat(((InvalidWardenPropertyException) failure).getViolations())
					.extracting(InvalidWardenPropertyException.Violation::property)
					.containsExactly("warden.revocation.push.public-url", "warden.revocation.push.client-id",
							"warden.revocation.push.client-secret");
			});
	}

	@Test
	void invalidSettingsFailStartupWithTheFix() {
		this.runner.withPropertyValues("warden.revocation.retention=10s")
			.run((context) -> assertThat(violation(context)).isEqualTo(new InvalidWardenPropertyException.Violation(
					"warden.revocation.retention", "10s",
					"it must be between 1m and 30d: a revocation is kept this long after its event.",
					"Set warden.revocation.retention to the longest lifetime of the access tokens this service accepts, "
							+ "e.g. warden.revocation.retention=1h.")));
		this.runner.withPropertyValues("warden.revocation.push.issuer=https://transmitter.example.com")
			.run((context) -> assertThat(violation(context)).isEqualTo(new InvalidWardenPropertyException.Violation(
					"warden.revocation.push.jwks-uri", "", "a separate transmitter needs both its issuer and its JWK set.",
					"Set both warden.revocation.push.issuer and warden.revocation.push.jwks-uri, or neither (the trusted "
							+ "issuers then transmit with their own keys).")));
		this.runner.withPropertyValues("warden.revocation.push.authorization=Bearer ${SSF_PUSH_SECRET}")
			.run((context) -> assertThat(violation(context).property()).isEqualTo("warden.revocation.push.authorization"));
		this.runner.withPropertyValues("warden.revocation.push.path=/ssf/*")
			.run((context) -> assertThat(violation(context).property()).isEqualTo("warden.revocation.push.path"));
		this.runner.withPropertyValues("warden.shared-state.timeout=30s")
			.run((context) -> assertThat(violation(context)).isEqualTo(new InvalidWardenPropertyException.Violation(
					"warden.shared-state.timeout", "30s",
					"it must not exceed 10s: a request may wait this long for the shared store.",
					"Set warden.shared-state.timeout to e.g. 250ms.")));
	}

	private static InvalidWardenPropertyException.Violation violation(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidWardenPropertyException)) {
			failure = failure.getCause();
		}
		assertThat(failure).isNotNull();
		assertThat(((InvalidWardenPropertyException) failure).getViolations()).hasSize(1);
		return ((InvalidWardenPropertyException) failure).getViolations().get(0);
	}

}
