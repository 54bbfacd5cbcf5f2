package dev.warden.autoconfigure;

import dev.warden.internal.scope.EndpointDecisions;
import dev.warden.internal.webflux.ReactiveEndpointRegistry;
import dev.warden.web.WardenHttpSecurity;
import dev.warden.web.WardenServerHttpSecurity;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Context-runner tests of Warden's WebFlux auto-configuration: one stateless chain by default, the
 * non-blocking pipeline, back-off, the servlet stack left alone, and the same startup failures as on
 * Spring MVC.
 */
class WardenReactiveWebSecurityAutoConfigurationTest {

	private static final String[] VALID = { "warden.issuer=https://auth.example.com",
			"warden.audiences=orders-api", "warden.jwks.warm-up=false" };

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class,
				WardenIntrospectionAutoConfiguration.class, WardenReactiveScopeAutoConfiguration.class,
				WardenRevocationAutoConfiguration.class, WardenReactiveWebSecurityAutoConfiguration.class,
				WebFluxAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
				ReactiveUserDetailsServiceAutoConfiguration.class));

	@Test
	void defaultsConfigureOneStatelessChainOverTheNonBlockingPipeline() {
		this.runner.withPropertyValues(VALID).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
			assertThat(context).hasBean("wardenSecurityWebFilterChain");
			assertThat(context).hasSingleBean(WardenServerHttpSecurity.class);
			assertThat(context).hasSingleBean(ReactiveJwtDecoder.class);
			assertThat(context).hasSingleBean(ReactiveEndpointRegistry.class);
			assertThat(context).hasSingleBean(EndpointDecisions.class);
			assertThat(context).doesNotHaveBean(ReactiveUserDetailsService.class);
			assertThat(context).doesNotHaveBean(WardenHttpSecurity.class);
		});
	}

	@Test
	void theChainBacksOffForTheApplicationsOwn() {
		this.runner.withPropertyValues(VALID)
			.withBean("ownChain", SecurityWebFilterChain.class,
					() -> ServerHttpSecurity.http().authorizeExchange((exchanges) -> exchanges.anyExchange().denyAll()).build())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
				assertThat(context).doesNotHaveBean("wardenSecurityWebFilterChain");
				assertThat(context).hasSingleBean(WardenServerHttpSecurity.class);
			});
	}

	@Test
	void theMasterSwitchTurnsTheReactiveStackOff() {
		this.runner.withPropertyValues(VALID).withPropertyValues("warden.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(WardenServerHttpSecurity.class);
			assertThat(context).doesNotHaveBean(ReactiveEndpointRegistry.class);
		});
	}

	@Test
	void aServletApplicationGetsNoReactiveBeans() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class,
					WardenReactiveScopeAutoConfiguration.class, WardenReactiveWebSecurityAutoConfiguration.class))
			.withPropertyValues(VALID)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WardenServerHttpSecurity.class);
				assertThat(context).doesNotHaveBean(ReactiveEndpointRegistry.class);
				assertThat(context).doesNotHaveBean(ReactiveJwtDecoder.class);
			});
	}

	@Test
	void requiredDPoPWithTheApplicationsOwnDecoderFailsStartupAsOnSpringMvc() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.dpop.required=true")
			.withBean(JwtDecoder.class, () -> (token) -> {
				throw new UnsupportedOperationException();
			})
			.run(StartupFailures.failsWith("warden.dpop.required", "true",
					"the application's own JwtDecoder does not check DPoP proofs, so no token could ever be accepted.",
					"Let Warden build the decoder (remove the JwtDecoder bean), or set warden.dpop.required=false."));
	}

	@Test
	void pushWithTheApplicationsOwnDecoderFailsStartupAsOnSpringMvc() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.revocation.push.enabled=true")
			.withBean(JwtDecoder.class, () -> (token) -> {
				throw new UnsupportedOperationException();
			})
			.run(StartupFailures.pushWithTheApplicationsOwnDecoder());
	}

	@Test
	void strictModeFailsStartupForUndeclaredEndpointsAsOnSpringMvc() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.scopes.strict=true")
			.withUserConfiguration(UndeclaredController.class)
			.run((context) -> assertThat(StartupFailures.failure(context).getMessage()).contains("/undeclared"));
	}

	@org.springframework.web.bind.annotation.RestController
	static class UndeclaredController {

		@org.springframework.web.bind.annotation.GetMapping("/undeclared")
		String undeclared() {
			return "x";
		}

	}

}
