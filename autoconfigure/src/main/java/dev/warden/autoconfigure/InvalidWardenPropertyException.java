package dev.warden.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * One or more {@code warden.*} properties (or combinations of them) that cannot work. Startup fails
 * with this exception, and {@link WardenPropertyFailureAnalyzer} turns it into a report naming each
 * property, its value, where it was set and the fix. The getters describe the first violation.
 */
public class InvalidWardenPropertyException extends RuntimeException {

	private final List<Violation> violations;

	/**
	 * Creates the exception for one violation.
	 * @param property the property, e.g. {@code warden.clock-skew}
	 * @param value its current value as configured (never a secret)
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public InvalidWardenPropertyException(String property, Object value, String problem, String action) {
		this(List.of(new Violation(property, String.valueOf(value), problem, action)));
	}

	/**
	 * Creates the exception.
	 * @param violations every violation found, at least one
	 */
	public InvalidWardenPropertyException(List<Violation> violations) {
		super(message(violations));
		this.violations = List.copyOf(violations);
	}

	private static String message(List<Violation> violations) {
		List<String> lines = new ArrayList<>();
		for (Violation violation : violations) {
			lines.add(violation.property() + "=" + violation.value() + ": " + violation.problem() + " "
					+ violation.action());
		}
		return String.join("; ", lines);
	}

	/**
	 * Every violation found.
	 * @return the violations, in the order of the reference documentation
	 */
	public List<Violation> getViolations() {
		return this.violations;
	}

	/**
	 * The first property at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.violations.get(0).property();
	}

	/**
	 * The value configured.
	 * @return the value
	 */
	public String getValue() {
		return this.violations.get(0).value();
	}

	/**
	 * What is wrong.
	 * @return the problem
	 */
	public String getProblem() {
		return this.violations.get(0).problem();
	}

	/**
	 * How to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.violations.get(0).action();
	}

	/**
	 * One property that cannot work.
	 *
	 * @param property the property, e.g. {@code warden.clock-skew}
	 * @param value its current value as configured (never a secret)
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public record Violation(String property, String value, String problem, String action) {
	}

}
