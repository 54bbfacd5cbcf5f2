package dev.warden.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Reports an {@link InvalidWardenPropertyException} at startup: for each property, its value, where
 * it was set (file and line, when known), what is wrong and how to fix it. Ordered first, so that it
 * reports a property rejected while binding before Spring Boot's generic binding analyzer does.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class WardenPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWardenPropertyException> {

	private final Environment environment;

	WardenPropertyFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidWardenPropertyException cause) {
		List<InvalidWardenPropertyException.Violation> violations = cause.getViolations();
		if (violations.size() == 1) {
			InvalidWardenPropertyException.Violation violation = violations.get(0);
			return new FailureAnalysis("Warden cannot start: the property '" + violation.property() + "' has the value '"
					+ violation.value() + "'" + origin(violation.property()) + ", which is invalid: "
					+ violation.problem(), violation.action(), cause);
		}
		StringBuilder description = new StringBuilder("Warden cannot start: ").append(violations.size())
			.append(" properties have invalid values:\n");
		List<String> actions = new ArrayList<>();
		for (InvalidWardenPropertyException.Violation violation : violations) {
			description.append("\n  - '")
				.append(violation.property())
				.append("' has the value '")
				.append(violation.value())
				.append('\'')
				.append(origin(violation.property()))
				.append(": ")
				.append(violation.problem());
			actions.add("- " + violation.action());
		}
		return new FailureAnalysis(description.toString(), String.join("\n", actions), cause);
	}

	/** Where the property was set, e.g. " (set in class path resource [application.yml] - 4:15)". */
	private String origin(String property) {
		Origin origin = findOrigin(this.environment, property);
		return (origin != null) ? " (set in " + origin + ")" : "";
	}

	static Origin findOrigin(Environment environment, String property) {
		if (environment == null || !ConfigurationPropertyName.isValid(property)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			for (ConfigurationPropertyName candidate : List.of(name, name.append("[0]"))) {
				ConfigurationProperty found = source.getConfigurationProperty(candidate);
				if (found != null && found.getOrigin() != null) {
					return found.getOrigin();
				}
			}
		}
		return null;
	}

}
