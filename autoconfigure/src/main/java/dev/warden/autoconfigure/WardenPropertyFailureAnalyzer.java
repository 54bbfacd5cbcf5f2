package dev.warden.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports an {@link InvalidWardenPropertyException} at startup: which property, which value, what
 * is wrong and how to fix it. Ordered first, so that it reports a property rejected while binding
 * before Spring Boot's generic binding analyzer does.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class WardenPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWardenPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidWardenPropertyException cause) {
		String description = "Warden cannot start: the property '" + cause.getProperty() + "' has the value '"
				+ cause.getValue() + "', which is invalid: " + cause.getProblem();
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
