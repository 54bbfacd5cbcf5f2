package dev.warden.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.warden.internal.jwt.InMemoryDPoPReplayCache;
import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.internal.web.DPoPSchemeShield;
import dev.warden.internal.web.ResourceMetadata;
import dev.warden.jwt.DPoPReplayCache;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.security.oauth2.server.resource.web.OAuth2ProtectedResourceMetadataFilter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.session.SessionManagementFilter;

import static dev.warden.autoconfigure.StartupFailures.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Context-runner tests of the DPoP, client-certificate and resource-metadata configuration:
 * defaults, replaceable beans, and the exact startup failure of each invalid value.
 */
class WardenSenderConstraintsConfigurationTest {

	private static final String[] VALID = { "warden.issuer=https://auth.example.com",
			"warden.audiences=orders-api", "warden.jwks.warm-up=false" };

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class, WardenScopeAutoConfiguration.class,
				WardenWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				WebMvcAutoConfiguration.class))
		.withPropertyValues(VALID);

	@Test
	void dpopIsOnAndTheMetadataIsServedByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SenderConstraints.class);
			assertThat(context).hasSingleBean(ResourceMetadata.class);
			assertThat(context.getBean(DPoPReplayCache.class)).isInstanceOf(InMemoryDPoPReplayCache.class);
			DpopProperties dpop = context.getBean(WardenProperties.class).getDpop();
			assertThat(dpop.isEnabled()).isTrue();
			assertThat(dpop.isRequired()).isFalse();
			assertThat(dpop.getProofMaxAge()).isEqualTo(Duration.ofSeconds(60));
			assertThat(dpop.getNonce().isEnabled()).isFalse();
		});
	}

	@Test
	void wardensChainCarriesNoFilterForSpringSecuritysOwnDPoPHandling() {
		this.runner.run((context) -> {
			List<String> filters = context.getBean(SecurityFilterChain.class)
				.getFilters()
				.stream()
				.map((filter) -> filter.getClass().getName())
				.toList();
			// Warden's DPoP filter (a generic AuthenticationFilter) comes before the bearer-token filter;
			// Spring Security's own DPoP filter and the shields around it are gone
			int dpop = filters.indexOf(AuthenticationFilter.class.getName());
			assertThat(dpop).isGreaterThanOrEqualTo(0);
			assertThat(filters.lastIndexOf(AuthenticationFilter.class.getName())).isEqualTo(dpop);
			assertThat(filters.indexOf(BearerTokenAuthenticationFilter.class.getName())).isEqualTo(dpop + 1);
			assertThat(filters).noneMatch((name) -> name.startsWith(DPoPSchemeShield.class.getName()));
			// Warden answers the RFC 9728 paths itself, and a stateless chain has no session work
			assertThat(filters).doesNotContain(OAuth2ProtectedResourceMetadataFilter.class.getName(),
					SessionManagementFilter.class.getName());
			// the whole chain: one filter of Warden's own (TokenRequestFilter, which also serves the
			// RFC 9728 document), eleven in all
			assertThat(filters.stream().map((name) -> name.substring(name.lastIndexOf('.') + 1))).containsExactly(
					"DisableEncodeUrlFilter", "WebAsyncManagerIntegrationFilter", "SecurityContextHolderFilter",
					"HeaderWriterFilter", "TokenRequestFilter", "AuthenticationFilter",
					"BearerTokenAuthenticationFilter", "SecurityContextHolderAwareRequestFilter",
					"AnonymousAuthenticationFilter", "ExceptionTranslationFilter", "AuthorizationFilter");
		});
		this.runner.withPropertyValues("warden.dpop.enabled=false").run((context) -> {
			List<String> filters = context.getBean(SecurityFilterChain.class)
				.getFilters()
				.stream()
				.map((filter) -> filter.getClass().getName())
				.toList();
			assertThat(filters).doesNotContain(AuthenticationFilter.class.getName());
			assertThat(filters).noneMatch((name) -> name.startsWith(DPoPSchemeShield.class.getName()));
		});
	}

	@Test
	void anApplicationsOwnChainBuiltFromConfigureKeepsTheShields() {
		this.runner.withUserConfiguration(OwnChain.class).run((context) -> {
			List<jakarta.servlet.Filter> filters = context.getBean(SecurityFilterChain.class).getFilters();
			List<String> names = filters.stream().map((filter) -> filter.getClass().getName()).toList();
			// Spring Security's DPoP filter is present, so the shields around it must be too
			assertThat(names.stream().filter((name) -> name.equals(AuthenticationFilter.class.getName()))).hasSize(2);
			assertThat(names.stream().filter((name) -> name.startsWith(DPoPSchemeShield.class.getName()))).hasSize(2);
			assertThat(DPoPSchemeShield.withoutSpringDPoP(filters)).hasSize(filters.size() - 3);
		});
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@org.springframework.context.annotation.Bean
		SecurityFilterChain ownChain(org.springframework.security.config.annotation.web.builders.HttpSecurity http,
				dev.warden.web.WardenHttpSecurity warden) throws Exception {
			return warden.configure(http).build();
		}

	}

	@Test
	void theMetadataCanBeSwitchedOff() {
		this.runner.withPropertyValues("warden.resource-metadata.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ResourceMetadata.class));
	}

	@Test
	void requiringDPoPWithTheApplicationsOwnDecoderFailsStartup() {
		this.runner.withPropertyValues("warden.dpop.required=true")
			.withBean(org.springframework.security.oauth2.jwt.JwtDecoder.class, () -> (token) -> {
				throw new UnsupportedOperationException();
			})
			.run(failsWith("warden.dpop.required", "true",
					"the application's own JwtDecoder does not check DPoP proofs, so no token could ever be accepted.",
					"Let Warden build the decoder (remove the JwtDecoder bean), or set warden.dpop.required=false."));
	}

	@Test
	void aReplayCacheOfTheApplicationReplacesWardens() {
		DPoPReplayCache shared = (key, expiresAt) -> true;
		this.runner.withBean(DPoPReplayCache.class, () -> shared)
			.run((context) -> assertThat(context.getBean(DPoPReplayCache.class)).isSameAs(shared));
	}

	@Test
	void shorteningOnlyTheJwksCacheTtlNeedsNoOtherSetting() {
		this.runner.withPropertyValues("warden.jwks.cache-ttl=5s").run((context) -> {
			assertThat(context).hasNotFailed();
			JwksProperties jwks = context.getBean(WardenProperties.class).getJwks();
			assertThat(jwks.getMinRefreshInterval()).isEqualTo(Duration.ofMillis(2500));
			assertThat(jwks.getRefreshAhead()).isEqualTo(Duration.ofSeconds(1));
		});
		this.runner.withPropertyValues("warden.jwks.cache-ttl=2h")
			.run((context) -> assertThat(context.getBean(WardenProperties.class).getJwks().getOutageTolerance())
				.isEqualTo(Duration.ofHours(2)));
	}

	@Test
	void explicitJwksValuesAreStillChecked() {
		this.runner.withPropertyValues("warden.jwks.cache-ttl=5s", "warden.jwks.min-refresh-interval=10s")
			.run(failsWith("warden.jwks.min-refresh-interval", "10s",
					"it must be shorter than warden.jwks.cache-ttl (5s).",
					"Lower warden.jwks.min-refresh-interval or raise warden.jwks.cache-ttl."));
	}

	@Test
	void aSymmetricDPoPAlgorithmFailsStartup() {
		this.runner.withPropertyValues("warden.dpop.algorithms=ES256,HS256")
			.run(failsWith("warden.dpop.algorithms", "[ES256, HS256]",
					"'HS256' is not an asymmetric JWS algorithm a DPoP proof may use.",
					"Remove 'HS256' from warden.dpop.algorithms; supported: RS256, RS384, RS512, PS256, PS384, PS512, "
							+ "ES256, ES384, ES512."));
	}

	@Test
	void requiringDPoPWhileItIsOffFailsStartup() {
		this.runner.withPropertyValues("warden.dpop.enabled=false", "warden.dpop.required=true")
			.run(failsWith("warden.dpop.required", "true",
					"DPoP is required but warden.dpop.enabled is false, so no token could ever be accepted.",
					"Set warden.dpop.enabled=true, or warden.dpop.required=false."));
	}

	@Test
	void aLongProofAgeFailsStartup() {
		this.runner.withPropertyValues("warden.dpop.proof-max-age=1h")
			.run(failsWith("warden.dpop.proof-max-age", "1h",
					"a proof is meant for one request; accepting it for longer widens the window for a captured one.",
					"Set warden.dpop.proof-max-age to at most 10m, e.g. warden.dpop.proof-max-age=60s."));
	}

	@Test
	void aShortNonceSecretFailsStartupWithoutShowingIt() {
		this.runner.withPropertyValues("warden.dpop.nonce.enabled=true", "warden.dpop.nonce.secret=short-secret")
			.run((context) -> {
				failsWith("warden.dpop.nonce.secret", "(hidden)", "it is shorter than 32 characters.",
						"Set warden.dpop.nonce.secret to at least 32 random characters shared by the service's "
								+ "instances, or remove it to let each instance make its own.")
					.accept(context);
				assertThat(context.getStartupFailure().toString()).doesNotContain("short-secret");
			});
	}

	@Test
	void aResourceWithAQueryFailsStartup() {
		this.runner.withPropertyValues("warden.resource-metadata.resource=https://api.example.com/orders?x=1")
			.run(failsWith("warden.resource-metadata.resource", "https://api.example.com/orders?x=1",
					"a resource identifier has no query or fragment (RFC 9728 section 2).",
					"Remove the query and fragment from warden.resource-metadata.resource."));
	}

	@Test
	void aHeaderNameWithSpacesFailsStartup() {
		this.runner.withPropertyValues("warden.client-certificate.header=X Client Cert")
			.run(failsWith("warden.client-certificate.header", "X Client Cert", "it is not an HTTP header name.",
					"Set warden.client-certificate.header to the header your proxy writes, e.g. X-Client-Cert."));
	}


}
