package dev.warden.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WardenHealthAutoConfiguration}: the {@code warden} contributor exists where Warden fetches
 * keys, can be switched off like any health indicator, and needs Actuator's health classes.
 */
class WardenHealthAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class, WardenHealthAutoConfiguration.class))
		.withPropertyValues("warden.issuer=https://auth.example.com", "warden.audiences=orders-api",
				"warden.jwks.warm-up=false");

	@Test
	void theContributorReportsWardensKeys() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(WardenHealthIndicator.class);
			assertThat(context.getBean(WardenHealthIndicator.class).health().getDetails()).containsKey("jwks");
		});
	}

	@Test
	void itCanBeSwitchedOffLikeAnyHealthIndicator() {
		this.runner.withPropertyValues("management.health.warden.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WardenHealthIndicator.class));
	}

	@Test
	void withoutActuatorOnTheClasspathNothingFails() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WardenHealthIndicator.class);
		});
	}

	@Test
	void withTheApplicationsOwnDecoderThereAreNoKeysToReportOn() {
		this.runner.withBean(JwtDecoder.class, () -> (token) -> {
			throw new UnsupportedOperationException();
		}).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WardenHealthIndicator.class);
		});
	}

}
