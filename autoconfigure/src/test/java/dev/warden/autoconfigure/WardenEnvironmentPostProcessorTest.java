package dev.warden.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Warden's defaults for the rest of the application, and that they give way to the application's. */
class WardenEnvironmentPostProcessorTest {

	@Test
	void registersDegradedAndKeepsTomcatsHeaderLineOutOfInfo() {
		StandardEnvironment environment = new StandardEnvironment();
		new WardenEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.endpoint.health.status.order"))
			.isEqualTo("DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN");
		assertThat(environment.getProperty("management.endpoint.health.status.http-mapping.degraded")).isEqualTo("200");
		assertThat(environment.getProperty("logging.level.org.apache.coyote.http11.Http11Processor")).isEqualTo("WARN");
	}

	@Test
	void applicationSettingsWin() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("app",
					Map.of("management.endpoint.health.status.order", "DOWN,UP",
							"logging.level.org.apache.coyote.http11.Http11Processor", "DEBUG")));
		new WardenEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.endpoint.health.status.order")).isEqualTo("DOWN,UP");
		assertThat(environment.getProperty("logging.level.org.apache.coyote.http11.Http11Processor")).isEqualTo("DEBUG");
	}

}
