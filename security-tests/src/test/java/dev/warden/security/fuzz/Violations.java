package dev.warden.security.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant violations found by a fuzz run, grouped by kind, with a few examples of each. The run
 * goes on after a violation, so one failure shows everything the run found.
 */
final class Violations {

	private static final int EXAMPLES = 3;

	private final FuzzSettings settings;

	private final Map<String, Integer> counts = new LinkedHashMap<>();

	private final Map<String, List<String>> examples = new LinkedHashMap<>();

	private int tries;

	Violations(FuzzSettings settings) {
		this.settings = settings;
	}

	void tried() {
		this.tries++;
	}

	void add(String kind, String example) {
		this.counts.merge(kind, 1, Integer::sum);
		List<String> list = this.examples.computeIfAbsent(kind, (k) -> new ArrayList<>());
		if (list.size() < EXAMPLES) {
			list.add(example);
		}
	}

	int tries() {
		return this.tries;
	}

	boolean isEmpty() {
		return this.counts.isEmpty();
	}

	void assertNone(String what) {
		StringBuilder report = new StringBuilder(what).append(": ").append(this.tries).append(" tries, ")
			.append(this.settings).append('\n');
		this.counts.forEach((kind, count) -> {
			report.append("  ").append(count).append(" x ").append(kind).append('\n');
			for (String example : this.examples.get(kind)) {
				report.append("      e.g. ").append(example).append('\n');
			}
		});
		assertThat(this.counts).as(report.toString()).isEmpty();
	}

	/** Where two strings differ, shortly: {@code at 412: "...abc[X]def..." -> "...abc[YZ]def..."}. */
	static String diff(String original, String mutated) {
		int start = 0;
		while (start < original.length() && start < mutated.length() && original.charAt(start) == mutated.charAt(start)) {
			start++;
		}
		int endO = original.length();
		int endM = mutated.length();
		while (endO > start && endM > start && original.charAt(endO - 1) == mutated.charAt(endM - 1)) {
			endO--;
			endM--;
		}
		return "at " + start + " of " + original.length() + ": [" + printable(original.substring(start, endO)) + "] -> ["
				+ printable(mutated.substring(start, endM)) + "]";
	}

	static String printable(String text) {
		return printable(text, 40);
	}

	static String printable(String text, int max) {
		StringBuilder out = new StringBuilder();
		String shown = (text.length() > max) ? text.substring(0, max) + "..." : text;
		for (char c : shown.toCharArray()) {
			out.append((c < 0x20 || c > 0x7e) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		return out.toString();
	}

}
