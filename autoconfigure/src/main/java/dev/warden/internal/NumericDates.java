package dev.warden.internal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * NumericDate values (RFC 7519 §2): non-negative seconds since the epoch, fractions kept, up to the
 * end of the year 9999. One reading for tokens, DPoP proofs, introspection answers and security
 * event tokens. Internal: not part of Warden's API.
 */
public final class NumericDates {

	/** Latest NumericDate accepted: 9999-12-31T23:59:59Z. */
	public static final long MAX = 253402300799L;

	private NumericDates() {
	}

	/** Why a value is not a NumericDate. */
	public enum Problem {

		/** Not a JSON number (a string, a boolean, {@code null}…). */
		NOT_A_NUMBER,

		/** Negative, or after the year 9999. */
		OUT_OF_RANGE,

		/** A number that cannot be read as a decimal. */
		NOT_A_DATE

	}

	/** A value that is not a NumericDate. */
	public static final class InvalidNumericDate extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		private final Problem problem;

		InvalidNumericDate(Problem problem) {
			super(problem.name());
			this.problem = problem;
		}

		/**
		 * Why the value is not a NumericDate.
		 * @return the problem
		 */
		public Problem problem() {
			return this.problem;
		}

	}

	/**
	 * Reads a NumericDate.
	 * @param value a JSON value ({@link Number}), or an {@link Instant} already read
	 * @return the instant
	 * @throws InvalidNumericDate when the value is not a NumericDate
	 */
	public static Instant parse(Object value) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (!(value instanceof Number number)) {
			throw new InvalidNumericDate(Problem.NOT_A_NUMBER);
		}
		if (value instanceof Long || value instanceof Integer) {
			long whole = number.longValue();
			if (whole < 0 || whole > MAX) {
				throw new InvalidNumericDate(Problem.OUT_OF_RANGE);
			}
			return Instant.ofEpochSecond(whole);
		}
		BigDecimal seconds;
		try {
			seconds = new BigDecimal(number.toString());
		}
		catch (NumberFormatException ex) {
			throw new InvalidNumericDate(Problem.NOT_A_DATE);
		}
		if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(MAX)) > 0) {
			throw new InvalidNumericDate(Problem.OUT_OF_RANGE);
		}
		long whole = seconds.longValue();
		int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
		return Instant.ofEpochSecond(whole, nanos);
	}

}
