package dev.warden.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.internal.scope.EndpointRegistry;
import dev.warden.internal.scope.ScopeAuthorizationManager;
import dev.warden.introspection.ClientAuthentication;
import dev.warden.introspection.FailurePolicy;
import dev.warden.scope.DefaultPolicy;
import dev.warden.web.WardenHttpSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import static dev.warden.autoconfigure.StartupFailures.failsWith;
import static dev.warden.autoconfigure.StartupFailures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Context-runner tests of Warden's auto-configuration: defaults, back-off, the master switch, and
 * the exact startup failure for each invalid property.
 */
class WardenAutoConfigurationTest {

	private static final String[] VALID = { "warden.issuer=https://auth.example.com",
			"warden.audiences=orders-api", "warden.jwks.warm-up=false" };

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class,
				WardenIntrospectionAutoConfiguration.class, WardenScopeAutoConfiguration.class, WardenWebSecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, WebMvcAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class));

	@Test
	void defaultsConfigureDecoderAndOneStatelessChain() {
		this.runner.withPropertyValues(VALID).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(WardenJwtDecoder.class);
			assertThat(context).hasSingleBean(JwtDecoder.class);
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
			assertThat(context).hasBean("wardenSecurityFilterChain");
			assertThat(context).hasSingleBean(WardenHttpSecurity.class);
			assertThat(context).doesNotHaveBean(UserDetailsService.class);
			WardenProperties properties = context.getBean(WardenProperties.class);
			assertThat(properties.getClockSkew()).hasSeconds(60);
			assertThat(properties.getJwks().getCacheTtl()).hasMinutes(5);
			assertThat(properties.getPublicPaths()).containsExactly("/actuator/health/**");
		});
	}

	@Test
	void scopeEnforcementIsConfiguredForMvcApplications() {
		this.runner.withPropertyValues(VALID).run((context) -> {
			assertThat(context).hasSingleBean(EndpointRegistry.class);
			assertThat(context).hasSingleBean(ScopeAuthorizationManager.class);
			ScopesProperties scopes = context.getBean(WardenProperties.class).getScopes();
			assertThat(scopes.getDefaultPolicy()).isEqualTo(DefaultPolicy.DENY);
			assertThat(scopes.isStrict()).isFalse();
			assertThat(scopes.getClaims()).containsExactly("scope", "scp");
			assertThat(scopes.getDelimiters()).isEqualTo(" ");
			assertThat(scopes.isNameRequiredScopes()).isTrue();
			assertThat(scopes.getActuatorScope()).isEqualTo("actuator");
		});
	}

	@Test
	void scopePropertiesBind() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.scopes.default-policy=authenticated", "warden.scopes.strict=true",
					"warden.scopes.claims=permissions", "warden.scopes.delimiters=,",
					"warden.scopes.name-required-scopes=false", "warden.scopes.actuator-scope=ops")
			.run((context) -> {
				ScopesProperties scopes = context.getBean(WardenProperties.class).getScopes();
				assertThat(scopes.getDefaultPolicy()).isEqualTo(DefaultPolicy.AUTHENTICATED);
				assertThat(scopes.isStrict()).isTrue();
				assertThat(scopes.getClaims()).containsExactly("permissions");
				assertThat(scopes.getDelimiters()).isEqualTo(",");
				assertThat(scopes.isNameRequiredScopes()).isFalse();
				assertThat(scopes.getActuatorScope()).isEqualTo("ops");
			});
	}

	@Test
	void actuatorScopeWithSpacesFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.scopes.actuator-scope=ops admin")
			.run(failsWith("warden.scopes.actuator-scope", "ops admin", "it must be a single scope.",
					"Set warden.scopes.actuator-scope to one scope, e.g. actuator."));
	}

	@Test
	void emptyScopeClaimsFailStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.scopes.claims=")
			.run((context) -> assertThat(failure(context).getProperty()).isEqualTo("warden.scopes.claims"));
	}

	@Test
	void verifiedTokenCacheIsOnByDefaultAndCanBeSwitchedOff() {
		this.runner.withPropertyValues(VALID).run((context) -> {
			assertThat(context).hasSingleBean(dev.warden.internal.jwt.VerifiedTokenCache.class);
			assertThat(context.getBean(WardenProperties.class).getTokenCache().getMaxEntries()).isEqualTo(10_000);
		});
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.token-cache.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(dev.warden.internal.jwt.VerifiedTokenCache.class));
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.token-cache.max-entries=0")
			.run((context) -> assertThat(failure(context).getProperty()).isEqualTo("warden.token-cache.max-entries"));
	}

	@Test
	void introspectionIsConfiguredOnlyWithAClient() {
		this.runner.withPropertyValues(VALID).run((context) -> {
			assertThat(context).doesNotHaveBean(dev.warden.internal.introspection.IntrospectionCheckers.class);
			assertThat(context).doesNotHaveBean(dev.warden.scope.LiveTokenCheck.class);
		});
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.introspection.client-id=orders-api", "warden.introspection.client-secret=s")
			.run((context) -> {
				assertThat(context.getBean(dev.warden.internal.introspection.IntrospectionCheckers.class).all())
					.singleElement()
					.satisfies((checker) -> assertThat(checker.name()).isEqualTo("default"));
				assertThat(context).hasSingleBean(dev.warden.scope.LiveTokenCheck.class);
				assertThat(context).doesNotHaveBean(dev.warden.internal.introspection.IntrospectionOpaqueTokenIntrospector.class);
				IntrospectionProperties i = context.getBean(WardenProperties.class).getIntrospection();
				assertThat(i.getCacheTtl()).hasSeconds(30);
				assertThat(i.getOnFailure()).isEqualTo(dev.warden.introspection.FailurePolicy.DENY);
				assertThat(i.getClientAuthentication())
					.isEqualTo(dev.warden.introspection.ClientAuthentication.CLIENT_SECRET_BASIC);
			});
	}

	@Test
	void introspectionPropertiesBind() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.introspection.client-id=orders-api", "warden.introspection.client-secret=s",
					"warden.introspection.enabled=true", "warden.introspection.accept-opaque-tokens=true",
					"warden.introspection.uri=https://auth.example.com/introspect",
					"warden.introspection.client-authentication=client-secret-post", "warden.introspection.on-failure=allow",
					"warden.introspection.cache-ttl=5s", "warden.introspection.max-entries=5",
					"warden.introspection.max-concurrent-calls=3", "warden.introspection.retry-after=9s",
					"warden.introspection.connect-timeout=1s", "warden.introspection.read-timeout=1s",
					"warden.introspection.max-response-size=1KB")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(dev.warden.internal.introspection.IntrospectionOpaqueTokenIntrospector.class);
				IntrospectionProperties i = context.getBean(WardenProperties.class).getIntrospection();
				assertThat(i.getClientAuthentication())
					.isEqualTo(dev.warden.introspection.ClientAuthentication.CLIENT_SECRET_POST);
				assertThat(i.getOnFailure()).isEqualTo(dev.warden.introspection.FailurePolicy.ALLOW);
				assertThat(i.getMaxConcurrentCalls()).isEqualTo(3);
				assertThat(i.getRetryAfter()).hasSeconds(9);
			});
	}

	@Test
	void introspectionWithoutAClientFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.introspection.enabled=true")
			.run(failsWith("warden.introspection.enabled", "true",
					"introspection needs a client, but warden.introspection.client-id is not set.",
					"Set warden.introspection.client-id and warden.introspection.client-secret to the credentials this "
							+ "service uses at the introspection endpoint, or set warden.introspection.enabled=false."));
	}

	@Test
	void clientWithoutSecretFailsStartupWithoutEchoingAnything() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.introspection.client-id=orders-api")
			.run((context) -> {
				InvalidWardenPropertyException failure = failure(context);
				assertThat(failure.getProperty()).isEqualTo("warden.introspection.client-secret");
				assertThat(failure.getValue()).isEmpty();
			});
	}

	@Test
	void masterSwitchOffConfiguresNothing() {
		this.runner.withPropertyValues("warden.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WardenProperties.class);
			assertThat(context).doesNotHaveBean(WardenJwtDecoder.class);
			assertThat(context).doesNotHaveBean(WardenHttpSecurity.class);
			assertThat(context).doesNotHaveBean("wardenSecurityFilterChain");
			assertThat(context).doesNotHaveBean(EndpointRegistry.class);
		});
	}

	@Test
	void applicationJwtDecoderWins() {
		this.runner.withUserConfiguration(OwnDecoder.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WardenJwtDecoder.class);
			assertThat(context).getBean(JwtDecoder.class).isSameAs(context.getBean(OwnDecoder.class).decoder);
			assertThat(context).hasBean("wardenSecurityFilterChain");
		});
	}

	@Test
	void applicationSecurityFilterChainWinsAndCanStillApplyWarden() {
		this.runner.withPropertyValues(VALID).withUserConfiguration(OwnChain.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
			assertThat(context).hasBean("ownChain");
			assertThat(context).doesNotHaveBean("wardenSecurityFilterChain");
			assertThat(context).hasSingleBean(WardenJwtDecoder.class);
		});
	}

	@Test
	void nonWebApplicationGetsTheDecoderButNoChain() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class,
					WardenWebSecurityAutoConfiguration.class))
			.withPropertyValues(VALID)
			.run((context) -> {
				assertThat(context).hasSingleBean(WardenJwtDecoder.class);
				assertThat(context).doesNotHaveBean(WardenHttpSecurity.class);
			});
	}

	@Test
	void anyAudienceCanBeAllowedExplicitly() {
		this.runner.withPropertyValues("warden.issuer=https://auth.example.com", "warden.allow-any-audience=true")
			.run((context) -> assertThat(context).hasSingleBean(WardenJwtDecoder.class));
	}

	@Test
	void everyPropertyBinds() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.jwks-uri=https://auth.example.com/jwks", "warden.clock-skew=0s",
					"warden.algorithms=ES256", "warden.strict-rfc9068=true", "warden.public-paths=/public/**",
					"warden.max-token-size=4KB", "warden.jwks.cache-ttl=10m", "warden.jwks.refresh-ahead=0s",
					"warden.jwks.min-refresh-interval=1m", "warden.jwks.outage-tolerance=0s",
					"warden.jwks.connect-timeout=1s", "warden.jwks.read-timeout=3s", "warden.jwks.max-size=32KB")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WardenProperties p = context.getBean(WardenProperties.class);
				assertThat(p.getJwksUri()).hasToString("https://auth.example.com/jwks");
				assertThat(p.getClockSkew()).isZero();
				assertThat(p.getAlgorithms()).containsExactly("ES256");
				assertThat(p.isStrictRfc9068()).isTrue();
				assertThat(p.getPublicPaths()).containsExactly("/public/**");
				assertThat(p.getMaxTokenSize().toKilobytes()).isEqualTo(4);
				assertThat(p.getJwks().getCacheTtl()).hasMinutes(10);
				assertThat(p.getJwks().getRefreshAhead()).isZero();
				assertThat(p.getJwks().getMinRefreshInterval()).hasMinutes(1);
				assertThat(p.getJwks().getOutageTolerance()).isZero();
				assertThat(p.getJwks().getConnectTimeout()).hasSeconds(1);
				assertThat(p.getJwks().getReadTimeout()).hasSeconds(3);
				assertThat(p.getJwks().getMaxSize().toKilobytes()).isEqualTo(32);
			});
	}

	@Test
	void missingIssuerFailsStartup() {
		this.runner.withPropertyValues("warden.audiences=orders-api")
			.run(failsWith("warden.issuer", "",
					"the issuer is required: tokens are accepted only from it.",
					"Set warden.issuer to your authorization server's issuer, exactly as it appears in the tokens' iss claim, "
							+ "e.g. warden.issuer=https://auth.example.com."));
	}

	@Test
	void missingAudienceFailsStartupAndNamesTheOptOut() {
		this.runner.withPropertyValues("warden.issuer=https://auth.example.com")
			.run(failsWith("warden.audiences", "[]",
					"no audience is configured, so a token issued for any other service would be accepted.",
					"Set warden.audiences to the audience(s) this service accepts (e.g. warden.audiences=orders-api), "
							+ "or opt out explicitly with warden.allow-any-audience=true."));
	}

	@Test
	void clockSkewAboveFiveMinutesFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.clock-skew=10m")
			.run(failsWith("warden.clock-skew", "10m", "the clock skew must be between 0s and 5m.",
					"Set warden.clock-skew to a duration between 0s and 5m, e.g. warden.clock-skew=60s."));
	}

	@Test
	void negativeClockSkewFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.clock-skew=-1s")
			.run(failsWith("warden.clock-skew", "-1s", "the clock skew must be between 0s and 5m.",
					"Set warden.clock-skew to a duration between 0s and 5m, e.g. warden.clock-skew=60s."));
	}

	@Test
	void hmacAlgorithmFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.algorithms=RS256,HS256")
			.run(failsWith("warden.algorithms", "[RS256, HS256]",
					"'HS256' is never accepted: 'none' and HMAC algorithms let anyone who knows the key (or no key) forge tokens.",
					"Remove 'HS256' from warden.algorithms; supported: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512."));
	}

	@Test
	void noneAlgorithmFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.algorithms=none")
			.run((context) -> assertThat(failure(context).getProblem()).startsWith("'none' is never accepted"));
	}

	@Test
	void unknownAlgorithmFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.algorithms=XS999")
			.run((context) -> assertThat(failure(context).getProblem())
				.isEqualTo("'XS999' is not a supported JWS algorithm."));
	}

	@Test
	void tinyMaxTokenSizeFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.max-token-size=100B")
			.run(failsWith("warden.max-token-size", "100B", "the largest token accepted must be between 512B and 64KB.",
					"Set warden.max-token-size between 512B and 64KB, e.g. warden.max-token-size=6KB."));
	}

	@Test
	void publicPathWithoutSlashFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.public-paths=public/**")
			.run((context) -> {
				InvalidWardenPropertyException failure = failure(context);
				assertThat(failure.getProperty()).isEqualTo("warden.public-paths");
				assertThat(failure.getProblem()).isEqualTo("'public/**' is not a path pattern.");
			});
	}

	@Test
	void nonHttpJwksUriFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.jwks-uri=ftp://auth.example.com/jwks")
			.run((context) -> {
				InvalidWardenPropertyException failure = failure(context);
				assertThat(failure.getProperty()).isEqualTo("warden.jwks-uri");
				assertThat(failure.getProblem()).isEqualTo("it is not an absolute http(s) URI.");
			});
	}

	@Test
	void issuerThatCannotBeDiscoveredFailsStartupUnlessJwksUriIsSet() {
		this.runner.withPropertyValues("warden.issuer=urn:example:issuer", "warden.audiences=orders-api")
			.run((context) -> assertThat(failure(context).getAction())
				.isEqualTo("Set warden.issuer to the issuer's http(s) identifier, or set warden.jwks-uri so that no discovery is needed."));
		this.runner
			.withPropertyValues("warden.issuer=urn:example:issuer", "warden.audiences=orders-api",
					"warden.jwks-uri=https://auth.example.com/jwks", "warden.jwks.warm-up=false")
			.run((context) -> assertThat(context).hasSingleBean(WardenJwtDecoder.class));
	}

	@Test
	void refreshIntervalNotShorterThanTtlFailsStartupNamingBoth() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.jwks.cache-ttl=1m", "warden.jwks.min-refresh-interval=1m")
			.run(failsWith("warden.jwks.min-refresh-interval", "1m",
					"it must be shorter than warden.jwks.cache-ttl (1m).",
					"Lower warden.jwks.min-refresh-interval or raise warden.jwks.cache-ttl."));
	}

	@Test
	void refreshAheadPlusTimeoutsLongerThanTtlFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.jwks.cache-ttl=1m", "warden.jwks.min-refresh-interval=10s",
					"warden.jwks.refresh-ahead=58s")
			.run(failsWith("warden.jwks.refresh-ahead", "58s",
					"warden.jwks.refresh-ahead plus warden.jwks.connect-timeout and warden.jwks.read-timeout (4s) must not "
							+ "exceed warden.jwks.cache-ttl (1m).",
					"Lower warden.jwks.refresh-ahead or the timeouts, or raise warden.jwks.cache-ttl."));
	}

	@Test
	void outageToleranceShorterThanTtlFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.jwks.outage-tolerance=1m")
			.run((context) -> assertThat(failure(context).getProperty()).isEqualTo("warden.jwks.outage-tolerance"));
	}

	@Test
	void zeroTimeoutFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.jwks.read-timeout=0s")
			.run(failsWith("warden.jwks.read-timeout", "0s", "it must be a positive duration.",
					"Set warden.jwks.read-timeout to a positive duration, e.g. warden.jwks.read-timeout=2s."));
	}

	@Test
	void unknownSslBundleFailsStartup() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("warden.ssl-bundle=corporate")
			.run((context) -> {
				InvalidWardenPropertyException failure = failure(context);
				assertThat(failure.getProperty()).isEqualTo("warden.ssl-bundle");
				assertThat(failure.getProblem()).isEqualTo("no SSL bundle of that name exists.");
			});
	}

	@Test
	void failureAnalysisNamesPropertyValueAndFix() {
		this.runner.withPropertyValues(VALID).withPropertyValues("warden.clock-skew=10m").run((context) -> {
			FailureAnalysis analysis = new WardenPropertyFailureAnalyzer(null).analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo(
					"Warden cannot start: the property 'warden.clock-skew' has the value '10m', which is invalid: "
							+ "the clock skew must be between 0s and 5m.");
			assertThat(analysis.getAction())
				.isEqualTo("Set warden.clock-skew to a duration between 0s and 5m, e.g. warden.clock-skew=60s.");
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void failureAnalyzerIsRegisteredAndReportsTheInvalidPropertyWhenAnApplicationFailsToStart(CapturedOutput output) {
		// a real SpringApplication: it loads the failure analyzers from spring.factories and prints their analysis
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> new SpringApplicationBuilder(JwtOnly.class).web(WebApplicationType.NONE)
				.run("--warden.issuer=https://auth.example.com", "--warden.jwks.warm-up=false",
						"--warden.clock-skew=10m")
				.close());
		// the analysis names where the value was set: here, the command line
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
				"Warden cannot start: the property 'warden.clock-skew' has the value '10m' (set in \"warden.clock-skew\" "
						+ "from property source \"commandLineArgs\"), which is invalid: the clock skew must be between 0s "
						+ "and 5m.",
				"Set warden.clock-skew to a duration between 0s and 5m, e.g. warden.clock-skew=60s.");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WardenJwtAutoConfiguration.class)
	static class JwtOnly {

	}

	@Test
	void everyPropertyHasIdeMetadataWithDescription() throws Exception {
		String metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
		for (Object property : JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(metadata), "properties")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> entry = (Map<String, Object>) property;
			properties.put((String) entry.get("name"), entry);
		}
		assertThat(properties.keySet()).contains("warden.enabled", "warden.issuer", "warden.jwks-uri",
				"warden.audiences", "warden.allow-any-audience", "warden.clock-skew", "warden.algorithms",
				"warden.strict-rfc9068", "warden.public-paths", "warden.max-token-size", "warden.ssl-bundle",
				"warden.jwks.cache-ttl", "warden.jwks.refresh-ahead", "warden.jwks.min-refresh-interval",
				"warden.jwks.outage-tolerance", "warden.jwks.connect-timeout", "warden.jwks.read-timeout",
				"warden.jwks.max-size", "warden.jwks.warm-up", "warden.scopes.default-policy", "warden.scopes.strict",
				"warden.scopes.claims", "warden.scopes.delimiters", "warden.scopes.name-required-scopes",
				"warden.scopes.actuator-scope", "warden.token-cache.enabled", "warden.token-cache.max-entries",
				"warden.introspection.enabled", "warden.introspection.uri", "warden.introspection.client-id",
				"warden.introspection.client-secret", "warden.introspection.client-authentication",
				"warden.introspection.connect-timeout", "warden.introspection.read-timeout",
				"warden.introspection.max-response-size", "warden.introspection.cache-ttl",
				"warden.introspection.max-entries", "warden.introspection.max-concurrent-calls",
				"warden.introspection.on-failure", "warden.introspection.accept-opaque-tokens",
				"warden.introspection.retry-after");
		// house style 7: every property has a description (the IDE tooltip) that does not start with "The" or "A",
		// and a boolean's starts with "Whether"
		properties.forEach((name, property) -> {
			Object description = property.get("description");
			assertThat(description).as("description of %s", name).isInstanceOf(String.class);
			assertThat((String) description).as("description of %s", name)
				.isNotBlank()
				.doesNotStartWith("The ")
				.doesNotStartWith("A ");
			if ("java.lang.Boolean".equals(property.get("type"))) {
				assertThat((String) description).as("description of %s", name).startsWith("Whether ");
			}
		});
		assertThat(properties.get("warden.clock-skew")).containsEntry("defaultValue", "60s");
	}



	@Configuration(proxyBeanMethods = false)
	static class OwnDecoder {

		final JwtDecoder decoder = (token) -> {
			throw new org.springframework.security.oauth2.jwt.BadJwtException("no");
		};

		@Bean
		JwtDecoder ownDecoder() {
			return this.decoder;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http, WardenHttpSecurity warden) throws Exception {
			return warden.configure(http).build();
		}

	}

}
