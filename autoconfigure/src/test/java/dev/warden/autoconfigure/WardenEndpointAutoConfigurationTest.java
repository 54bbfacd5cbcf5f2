package dev.warden.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WardenEndpointAutoConfiguration}: the {@code warden} Actuator endpoint appears when exposed,
 * shows the inventory, and stays away without Actuator.
 */
class WardenEndpointAutoConfigurationTest {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class, WardenScopeAutoConfiguration.class,
				WardenWebSecurityAutoConfiguration.class, WardenEndpointAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withPropertyValues("warden.issuer=https://auth.example.com", "warden.audiences=orders-api",
				"warden.jwks.warm-up=false");

	@Test
	void theEndpointShowsTheInventoryWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=warden").run((context) -> {
			assertThat(context).hasSingleBean(WardenEndpoint.class);
			Map<String, Object> inventory = context.getBean(WardenEndpoint.class).inventory();
			assertThat(inventory).containsEntry("defaultPolicy", "deny").containsKey("endpoints");
		});
	}

	@Test
	void anUnexposedEndpointIsNotCreated() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(WardenEndpoint.class));
	}

	@Test
	void withoutActuatorOnTheClasspathNothingFails() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=warden")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(WardenEndpoint.class);
			});
	}

}
