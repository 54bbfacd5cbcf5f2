package dev.warden.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a key under {@code warden.*} that names no property — in security configuration, a typo
 * such as {@code warden.introspection.on-failur} must not pass silently — with where it was set
 * and the nearest known property.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class WardenUnknownPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException> {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(warden\\.[^\"]+)\"");

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		List<ConfigurationProperty> unknown = cause.getUnboundProperties()
			.stream()
			.filter((property) -> property.getName().toString().startsWith("warden."))
			.toList();
		if (unknown.isEmpty()) {
			return null;
		}
		Set<String> known = knownProperties();
		StringBuilder description = new StringBuilder("Warden cannot start: ");
		description.append((unknown.size() == 1) ? "this key names no Warden property:" : "these keys name no Warden property:");
		List<String> actions = new ArrayList<>();
		for (ConfigurationProperty property : unknown) {
			String name = property.getName().toString();
			description.append("\n  - '").append(name).append('\'');
			if (property.getOrigin() != null) {
				description.append(" (set in ").append(property.getOrigin()).append(')');
			}
			String nearest = nearest(name, known);
			actions.add((nearest != null) ? "Did you mean '" + nearest + "'? Correct or remove '" + name + "'."
					: "Remove '" + name + "'; docs/configuration.md lists every Warden property.");
		}
		return new FailureAnalysis(description.toString(), String.join("\n", actions), cause);
	}

	/** Every property Warden declares, from the metadata the configuration processor generated. */
	static Set<String> knownProperties() {
		Set<String> names = new TreeSet<>();
		try {
			Enumeration<URL> resources = WardenUnknownPropertyFailureAnalyzer.class.getClassLoader().getResources(METADATA);
			while (resources.hasMoreElements()) {
				try (InputStream in = resources.nextElement().openStream()) {
					Matcher matcher = NAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
					while (matcher.find()) {
						names.add(matcher.group(1));
					}
				}
			}
		}
		catch (IOException ex) {
			// without metadata, no suggestion
		}
		return names;
	}

	/** The known property closest to a mistyped one (edit distance), if it is close enough to be meant. */
	static String nearest(String unknown, Set<String> known) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		String typed = normalize(unknown);
		for (String candidate : known) {
			int distance = distance(typed, normalize(candidate));
			if (distance < bestDistance) {
				bestDistance = distance;
				best = candidate;
			}
		}
		return (best != null && bestDistance <= Math.max(2, typed.length() / 4)) ? best : null;
	}

	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("\\[\\d+]$", "");
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
