package dev.warden.autoconfigure;

import dev.warden.internal.metrics.WardenMetrics;
import dev.warden.jwt.TokenValidationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WardenMetricsAutoConfiguration}: meters only where the application has a registry, never a
 * failure where Micrometer is absent, and a metrics bean of the application's own wins.
 */
class WardenMetricsAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class, WardenMetricsAutoConfiguration.class))
		.withPropertyValues("warden.issuer=https://auth.example.com", "warden.audiences=orders-api",
				"warden.jwks.warm-up=false");

	@Test
	void metersAreRegisteredWithTheApplicationsRegistry() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(WardenMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("warden.token.validations").tag("outcome", "accepted").tag("cache", "hit").timer())
				.isNotNull();
			assertThat(registry.find("warden.dpop.proofs").tag("outcome", "replayed").timer()).isNotNull();
			assertThat(registry.find("warden.jwks.keys").gauge()).isNotNull();
		});
	}

	@Test
	void withoutARegistryThereAreNoMeters() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WardenMetrics.class);
			assertThat(context).doesNotHaveBean(TokenValidationListener.class);
		});
	}

	@Test
	void withoutMicrometerOnTheClasspathNothingFails() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WardenMetrics.class);
		});
	}

	@Test
	void metricsOfTheApplicationsOwnWin() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean("myMetrics", WardenMetrics.class, () -> new WardenMetrics(new SimpleMeterRegistry(), java.time.Clock.systemUTC()))
			.run((context) -> assertThat(context).hasSingleBean(WardenMetrics.class).hasBean("myMetrics"));
	}

	@Test
	void switchedOffWardenRegistersNothing() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("warden.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WardenMetrics.class));
	}

}
