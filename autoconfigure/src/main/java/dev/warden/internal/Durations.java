package dev.warden.internal;

import java.time.Duration;

/**
 * Durations written as operators write them in {@code application.yml}. Internal: not part of
 * Warden's API.
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * Formats a duration as an operator writes it: the largest whole unit (1h, 90s, 250ms).
	 * @param duration the duration, or {@code null}
	 * @return the text; empty for {@code null}
	 */
	public static String format(Duration duration) {
		if (duration == null) {
			return "";
		}
		long millis = duration.toMillis();
		String sign = (millis < 0) ? "-" : "";
		long abs = Math.abs(millis);
		if (abs != 0 && abs % 86_400_000 == 0) {
			return sign + abs / 86_400_000 + "d";
		}
		if (abs != 0 && abs % 3_600_000 == 0) {
			return sign + abs / 3_600_000 + "h";
		}
		if (abs != 0 && abs % 60_000 == 0) {
			return sign + abs / 60_000 + "m";
		}
		if (abs % 1000 == 0) {
			return sign + abs / 1000 + "s";
		}
		return sign + abs + "ms";
	}

}
