package dev.warden.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties as an operator meets them at startup: every invalid value reported at once, with
 * where it was set; a mistyped key refused with the property it was meant to be; an unresolved
 * placeholder in a secret refused before it is sent anywhere.
 */
class WardenPropertiesValidationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class))
		.withPropertyValues("warden.issuer=https://auth.example.com", "warden.audiences=orders-api",
				"warden.jwks.warm-up=false");

	@Test
	void everyInvalidValueIsReportedAtOnce() {
		this.runner.withPropertyValues("warden.clock-skew=10m", "warden.jwks.max-size=0B",
				"warden.introspection.max-entries=0").run((context) -> {
					InvalidWardenPropertyException failure = failure(context.getStartupFailure());
					assertThat(failure.getViolations()).extracting(InvalidWardenPropertyException.Violation::property)
						.containsExactly("warden.clock-skew", "warden.jwks.max-size", "warden.introspection.max-entries");
					FailureAnalysis analysis = new WardenPropertyFailureAnalyzer(null).analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).isEqualTo("Warden cannot start: 3 properties have invalid values:\n"
							+ "\n  - 'warden.clock-skew' has the value '10m': the clock skew must be between 0s and 5m."
							+ "\n  - 'warden.jwks.max-size' has the value '0B': it must be positive."
							+ "\n  - 'warden.introspection.max-entries' has the value '0': it must be positive.");
					assertThat(analysis.getAction()).isEqualTo(
							"- Set warden.clock-skew to a duration between 0s and 5m, e.g. warden.clock-skew=60s.\n"
									+ "- Set warden.jwks.max-size to a positive size, e.g. warden.jwks.max-size=64KB.\n"
									+ "- Set warden.introspection.max-entries to a positive number, e.g. 10000.");
				});
	}

	@Test
	void theReportSaysWhereAValueWasSet() {
		StandardEnvironment environment = new StandardEnvironment();
		try {
			new YamlPropertySourceLoader().load("warden-invalid-skew", new ClassPathResource("warden-invalid-skew.yml"))
				.forEach(environment.getPropertySources()::addFirst);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.runner.withPropertyValues("warden.clock-skew=10m").run((context) -> {
			FailureAnalysis analysis = new WardenPropertyFailureAnalyzer(environment).analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("Warden cannot start: the property 'warden.clock-skew' "
					+ "has the value '10m' (set in class path resource [warden-invalid-skew.yml] - 2:15), which is "
					+ "invalid: the clock skew must be between 0s and 5m.");
		});
	}

	@Test
	void aMistypedKeyFailsStartupWithTheKeyItWasMeantToBe() {
		this.runner.withPropertyValues("warden.introspection.on-failur=allow").run((context) -> {
			assertThat(context).hasFailed();
			Throwable cause = context.getStartupFailure();
			while (cause != null && !(cause instanceof UnboundConfigurationPropertiesException)) {
				cause = cause.getCause();
			}
			assertThat(cause).isNotNull();
			FailureAnalysis analysis = new WardenUnknownPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith(
					"Warden cannot start: this key names no Warden property:\n  - 'warden.introspection.on-failur'");
			assertThat(analysis.getAction()).isEqualTo("Did you mean 'warden.introspection.on-failure'? Correct or "
					+ "remove 'warden.introspection.on-failur'.");
		});
	}

	@Test
	void aKeyFarFromAnyPropertyIsToldToGo() {
		assertThat(WardenUnknownPropertyFailureAnalyzer.nearest("warden.completely-unrelated",
				WardenUnknownPropertyFailureAnalyzer.knownProperties())).isNull();
		assertThat(WardenUnknownPropertyFailureAnalyzer.knownProperties()).contains("warden.issuer",
				"warden.dpop.nonce.secret", "warden.jwks.cache-ttl");
	}

	@Test
	void anUnresolvedPlaceholderInASecretFailsStartupWithoutShowingIt() {
		this.runner.withPropertyValues("warden.introspection.client-id=orders-api",
				"warden.introspection.client-secret=${ORDERS_SECRET_NOT_DEFINED}").run((context) -> {
					InvalidWardenPropertyException failure = failure(context.getStartupFailure());
					assertThat(failure.getProperty()).isEqualTo("warden.introspection.client-secret");
					assertThat(failure.getValue()).isEqualTo("(hidden)");
					assertThat(failure.getProblem())
						.isEqualTo("it holds the placeholder ${ORDERS_SECRET_NOT_DEFINED}, which nothing resolves.");
					assertThat(failure.getAction()).isEqualTo("Define ORDERS_SECRET_NOT_DEFINED (e.g. as an environment "
							+ "variable) or set warden.introspection.client-secret directly.");
				});
	}

	private static InvalidWardenPropertyException failure(Throwable startupFailure) {
		Throwable cause = startupFailure;
		while (cause != null && !(cause instanceof InvalidWardenPropertyException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("an InvalidWardenPropertyException in " + startupFailure).isNotNull();
		return (InvalidWardenPropertyException) cause;
	}

}
