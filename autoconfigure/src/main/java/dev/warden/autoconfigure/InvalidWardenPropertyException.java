package dev.warden.autoconfigure;

/**
 * A {@code warden.*} property (or a combination of them) that cannot work. Startup fails with this
 * exception, and {@link WardenPropertyFailureAnalyzer} turns it into a report naming the property,
 * its value and the fix.
 */
public class InvalidWardenPropertyException extends RuntimeException {

	private final String property;

	private final String value;

	private final String problem;

	private final String action;

	/**
	 * Creates the exception.
	 * @param property the property, e.g. {@code warden.clock-skew}
	 * @param value its current value as configured (never a secret)
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public InvalidWardenPropertyException(String property, Object value, String problem, String action) {
		super(property + "=" + value + ": " + problem + " " + action);
		this.property = property;
		this.value = String.valueOf(value);
		this.problem = problem;
		this.action = action;
	}

	/**
	 * The property at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * The value configured.
	 * @return the value
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * What is wrong.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * How to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
