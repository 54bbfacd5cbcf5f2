package dev.warden.autoconfigure;

import dev.warden.internal.scope.EndpointRegistry;
import dev.warden.internal.scope.ScopeAuthorizationManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WardenScopeAutoConfiguration} on its own: the endpoint registry and the scope decisions in a
 * Spring MVC application, none without Spring MVC on the class path, in a non-web application, or
 * with {@code warden.enabled=false}.
 */
class WardenScopeAutoConfigurationTest {

	private static final String[] VALID = { "warden.issuer=https://auth.example.com", "warden.audiences=orders-api",
			"warden.jwks.warm-up=false" };

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class, WardenScopeAutoConfiguration.class,
				WebMvcAutoConfiguration.class))
		.withPropertyValues(VALID);

	@Test
	void aSpringMvcApplicationGetsTheRegistryAndTheDecisions() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(EndpointRegistry.class);
			assertThat(context).hasSingleBean(ScopeAuthorizationManager.class);
		});
	}

	@Test
	void withoutSpringMvcOnTheClassPathNothingIsConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader(RequestMappingHandlerMapping.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ScopeAuthorizationManager.class));
	}

	@Test
	void aNonWebApplicationGetsNothing() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class, WardenScopeAutoConfiguration.class))
			.withPropertyValues(VALID)
			.run((context) -> assertThat(context).doesNotHaveBean(EndpointRegistry.class));
	}

	@Test
	void switchedOffWithWarden() {
		this.runner.withPropertyValues("warden.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ScopeAuthorizationManager.class));
	}

}
