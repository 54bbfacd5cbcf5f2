package dev.warden.autoconfigure;

import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.introspection.IntrospectionOpaqueTokenIntrospector;
import dev.warden.scope.LiveTokenCheck;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WardenIntrospectionAutoConfiguration} on its own: nothing without an introspection client,
 * the live check with one, the opaque-token introspector only when asked for, an application's
 * own live check kept, and {@code warden.enabled=false} respected.
 */
class WardenIntrospectionAutoConfigurationTest {

	private static final String[] CLIENT = { "warden.introspection.uri=https://auth.example.com/introspect",
			"warden.introspection.client-id=orders-api", "warden.introspection.client-secret=s" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class,
				WardenIntrospectionAutoConfiguration.class))
		.withPropertyValues("warden.issuer=https://auth.example.com", "warden.audiences=orders-api",
				"warden.jwks.warm-up=false");

	@Test
	void withoutAnIntrospectionClientNothingIsConfigured() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(IntrospectionCheckers.class);
			assertThat(context).doesNotHaveBean(LiveTokenCheck.class);
			assertThat(context).doesNotHaveBean(IntrospectionOpaqueTokenIntrospector.class);
		});
	}

	@Test
	void aClientBringsTheLiveCheckButOpaqueTokensOnlyWhenAskedFor() {
		this.runner.withPropertyValues(CLIENT).run((context) -> {
			assertThat(context).hasSingleBean(IntrospectionCheckers.class);
			assertThat(context).hasSingleBean(LiveTokenCheck.class);
			assertThat(context).doesNotHaveBean(IntrospectionOpaqueTokenIntrospector.class);
		});
		this.runner.withPropertyValues(CLIENT)
			.withPropertyValues("warden.introspection.accept-opaque-tokens=true")
			.run((context) -> assertThat(context).hasSingleBean(IntrospectionOpaqueTokenIntrospector.class));
	}

	@Test
	void anApplicationsOwnLiveCheckIsKept() {
		LiveTokenCheck own = (authentication) -> {
		};
		this.runner.withPropertyValues(CLIENT)
			.withBean(LiveTokenCheck.class, () -> own)
			.run((context) -> assertThat(context.getBean(LiveTokenCheck.class)).isSameAs(own));
	}

	@Test
	void switchedOffWithWarden() {
		this.runner.withPropertyValues(CLIENT)
			.withPropertyValues("warden.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(IntrospectionCheckers.class));
	}

}
