package dev.warden.autoconfigure;

import java.util.List;

import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.scope.Authenticated;
import dev.warden.scope.RequireIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several trusted issuers in configuration: how {@code warden.issuers.<name>.*} combines with the
 * shorthand for {@code default}, what an issuer inherits and what it never does, and the exact
 * startup failures.
 */
class MultiIssuerConfigurationTest {

	private static final String[] TWO = { "warden.issuer=https://internal.example.com",
			"warden.audiences=orders-api", "warden.jwks.warm-up=false",
			"warden.issuers.partner.issuer=https://partner.example.com",
			"warden.issuers.partner.jwks-uri=https://partner.example.com/jwks",
			"warden.issuers.partner.audiences=partner-api" };

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class,
				WardenIntrospectionAutoConfiguration.class, WardenScopeAutoConfiguration.class,
				WardenWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				WebMvcAutoConfiguration.class));

	@Test
	void theShorthandAndNamedIssuersAreTrustedTogetherInOrder() {
		this.runner.withPropertyValues(TWO).run((context) -> {
			assertThat(context).hasNotFailed();
			List<TrustedIssuers.Issuer> issuers = context.getBean(TrustedIssuers.class).all();
			assertThat(issuers).extracting(TrustedIssuers.Issuer::name).containsExactly("default", "partner");
			assertThat(issuers).extracting(TrustedIssuers.Issuer::issuer)
				.containsExactly("https://internal.example.com", "https://partner.example.com");
		});
	}

	@Test
	void namedIssuersAloneNeedNoShorthand() {
		this.runner.withPropertyValues("warden.jwks.warm-up=false", "warden.issuers.a.issuer=https://a.example.com",
				"warden.issuers.a.audiences=api", "warden.issuers.b.issuer=https://b.example.com",
				"warden.issuers.b.audiences=api")
			.run((context) -> assertThat(context.getBean(TrustedIssuers.class).all())
				.extracting(TrustedIssuers.Issuer::name)
				.containsExactly("a", "b"));
	}

	@Test
	void tuningIsInheritedButAnIntrospectionClientNever() {
		this.runner.withPropertyValues(TWO)
			.withPropertyValues("warden.introspection.client-id=orders-api", "warden.introspection.client-secret=s",
					"warden.introspection.uri=https://internal.example.com/introspect",
					"warden.introspection.accept-opaque-tokens=true", "warden.introspection.cache-ttl=7s",
					"warden.jwks.cache-ttl=2m", "warden.issuers.partner.jwks.cache-ttl=10m")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				IssuerConfigurations configurations = context.getBean(IssuerConfigurations.class);
				IssuerConfigurations.Issuer partner = configurations.all().get(1);
				assertThat(partner.name()).isEqualTo("partner");
				// the partner's tokens are never sent to the internal server, with its client
				assertThat(partner.introspection().getUri()).isNull();
				assertThat(partner.introspection().getClientId()).isNull();
				assertThat(partner.introspection().getClientSecret()).isNull();
				assertThat(partner.introspection().isAcceptOpaqueTokens()).isFalse();
				assertThat(partner.introspects()).isFalse();
				assertThat(partner.introspection().getCacheTtl()).hasSeconds(7);
				assertThat(partner.jwks().getCacheTtl()).hasMinutes(10);
				assertThat(configurations.all().get(0).jwks().getCacheTtl()).hasMinutes(2);
				assertThat(context.getBean(IntrospectionCheckers.class).all()).extracting(IntrospectionCheckers.Checker::name)
					.containsExactly("default");
			});
	}

	@Test
	void aDuplicateIssuerFailsStartup() {
		this.runner.withPropertyValues(TWO)
			.withPropertyValues("warden.issuers.again.issuer=https://partner.example.com",
					"warden.issuers.again.audiences=x")
			.run((context) -> assertThat(violations(context)).containsExactly(new InvalidWardenPropertyException.Violation(
					"warden.issuers.again.issuer", "https://partner.example.com",
					"the issuer is also configured as 'partner'; each authorization server is trusted once.",
					"Remove one of them, or correct the issuer.")));
		this.runner.withPropertyValues(TWO)
			.withPropertyValues("warden.issuers.internal.issuer=https://internal.example.com",
					"warden.issuers.internal.audiences=x")
			.run((context) -> assertThat(violations(context)).extracting(InvalidWardenPropertyException.Violation::problem)
				.containsExactly("the issuer is also configured as 'default'; each authorization server is trusted once."));
	}

	@Test
	void theNameDefaultBelongsToTheShorthand() {
		this.runner.withPropertyValues(TWO)
			.withPropertyValues("warden.issuers.default.issuer=https://other.example.com",
					"warden.issuers.default.audiences=x")
			.run((context) -> assertThat(violations(context)).containsExactly(new InvalidWardenPropertyException.Violation(
					"warden.issuers.default", "default", "the name 'default' belongs to the issuer of warden.issuer.",
					"Give this issuer another name, or configure it with warden.issuer only.")));
	}

	@Test
	void aNamedIssuerWithoutAudiencesOrIssuerFailsStartup() {
		this.runner.withPropertyValues(TWO)
			.withPropertyValues("warden.issuers.open.issuer=https://open.example.com", "warden.issuers.bare.jwks-uri=https://bare.example.com/jwks")
			.run((context) -> assertThat(violations(context)).containsExactlyInAnyOrder(
					new InvalidWardenPropertyException.Violation("warden.issuers.open.audiences", "[]",
							"no audience is configured, so a token this issuer made for any other service would be accepted.",
							"Set warden.issuers.open.audiences to the audience(s) this service accepts from it, or opt out "
									+ "explicitly with warden.issuers.open.allow-any-audience=true."),
					new InvalidWardenPropertyException.Violation("warden.issuers.bare.issuer", "",
							"the issuer is required: tokens are accepted only from it.",
							"Set warden.issuers.bare.issuer to the authorization server's issuer, exactly as it appears in "
									+ "the tokens' iss claim.")));
	}

	@Test
	void opaqueTokensNeedOneIssuerToSayItIntrospectsThem() {
		this.runner.withPropertyValues(TWO)
			.withPropertyValues("warden.introspection.client-id=a", "warden.introspection.client-secret=s",
					"warden.introspection.accept-opaque-tokens=true", "warden.issuers.partner.introspection.client-id=b",
					"warden.issuers.partner.introspection.client-secret=t",
					"warden.issuers.partner.introspection.accept-opaque-tokens=true")
			.run((context) -> assertThat(violations(context)).containsExactly(new InvalidWardenPropertyException.Violation(
					"warden.introspection.accept-opaque-tokens", "true",
					"opaque tokens carry no iss, and 2 issuers would introspect them: [default, partner].",
					"Set accept-opaque-tokens=true for the one issuer that issues opaque tokens, e.g. "
							+ "warden.issuers.<name>.introspection.accept-opaque-tokens=true, and not globally.")));
	}

	@Test
	void settingsOfTheShorthandIssuerFailStartupWhenOnlyNamedIssuersAreConfigured() {
		this.runner.withPropertyValues("warden.jwks.warm-up=false", "warden.issuers.a.issuer=https://a.example.com",
				"warden.issuers.a.audiences=api", "warden.audiences=orders-api", "warden.introspection.client-id=x",
				"warden.introspection.client-secret=s")
			.run((context) -> assertThat(violations(context)).extracting(InvalidWardenPropertyException.Violation::property)
				.containsExactly("warden.audiences", "warden.introspection.client-id",
						"warden.introspection.client-secret"));
	}

	@Test
	void aNamedIssuersAlgorithmsAndScopeClaimsAreChecked() {
		this.runner.withPropertyValues(TWO)
			.withPropertyValues("warden.issuers.partner.algorithms=RS256,HS256",
					"warden.issuers.partner.scopes.claims=")
			.run((context) -> assertThat(violations(context)).containsExactly(
					new InvalidWardenPropertyException.Violation("warden.issuers.partner.algorithms", "[RS256, HS256]",
							"'HS256' is never accepted: 'none' and HMAC algorithms let anyone who knows the key (or no "
									+ "key) forge tokens.",
							"Remove 'HS256' from warden.issuers.partner.algorithms; supported: RS256, RS384, RS512, "
									+ "PS256, PS384, PS512, ES256, ES384, ES512."),
					new InvalidWardenPropertyException.Violation("warden.issuers.partner.scopes.claims", "[]",
							"at least one non-empty claim name is needed.",
							"Set warden.issuers.partner.scopes.claims to the claim(s) that carry scopes, e.g. "
									+ "warden.issuers.partner.scopes.claims=scope,scp.")));
	}

	@Test
	void checkingEveryRequestAppliesToTheIssuersThatHaveAClient() {
		this.runner.withPropertyValues(TWO)
			.withPropertyValues("warden.introspection.client-id=orders-api", "warden.introspection.client-secret=s",
					"warden.introspection.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(IntrospectionCheckers.class).all())
					.singleElement()
					.satisfies((checker) -> {
						assertThat(checker.name()).isEqualTo("default");
						assertThat(checker.everyRequest()).isTrue();
					});
				assertThat(context.getBean(IssuerConfigurations.class).all().get(1).introspection().isEnabled()).isFalse();
			});
		this.runner.withPropertyValues(TWO)
			.withPropertyValues("warden.issuers.partner.introspection.enabled=true")
			.run((context) -> assertThat(violations(context)).extracting(InvalidWardenPropertyException.Violation::property)
				.containsExactly("warden.issuers.partner.introspection.enabled"));
	}

	@Test
	void anEndpointNamingAnIssuerThatIsNotConfiguredFailsStartup() {
		this.runner.withPropertyValues(TWO).withUserConfiguration(Misnamed.class).run((context) -> {
			assertThat(violations(context)).containsExactly(new InvalidWardenPropertyException.Violation("warden.issuers",
					"[default, partner]",
					"these endpoints name issuers that are not configured: partnr at GET /partner ("
							+ Misnamed.class.getName() + "#partner).",
					"Configure them under warden.issuers.<name> (default is warden.issuer), or correct @RequireIssuer "
							+ "on these endpoints."));
		});
		this.runner.withPropertyValues(TWO).withUserConfiguration(Named.class).run((context) -> assertThat(context)
			.hasNotFailed());
	}

	private static List<InvalidWardenPropertyException.Violation> violations(AssertableWebApplicationContext context) {
		return StartupFailures.failure(context).getViolations();
	}

	@RestController
	static class Misnamed {

		@GetMapping("/partner")
		@Authenticated
		@RequireIssuer("partnr")
		String partner() {
			return "partner";
		}

	}

	@RestController
	static class Named {

		@GetMapping("/partner")
		@Authenticated
		@RequireIssuer({ "partner", "default" })
		String partner() {
			return "partner";
		}

	}

}
