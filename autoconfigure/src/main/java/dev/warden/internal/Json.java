package dev.warden.internal;

import java.util.Collection;
import java.util.Map;

/**
 * Writes the small JSON documents Warden answers with (problem details, resource metadata): strings,
 * booleans, numbers, lists and objects of those. Internal: not part of Warden's API.
 */
public final class Json {

	private Json() {
	}

	/**
	 * Writes a value.
	 * @param json where to write
	 * @param value a {@link String}, {@link Boolean}, {@link Number}, {@link Collection} or {@link Map}
	 * of those, or {@code null}
	 * @return the same builder
	 */
	public static StringBuilder write(StringBuilder json, Object value) {
		if (value == null) {
			return json.append("null");
		}
		if (value instanceof Boolean || value instanceof Number) {
			return json.append(value);
		}
		if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				json.append(first ? "" : ",");
				quote(json, String.valueOf(entry.getKey())).append(':');
				write(json, entry.getValue());
				first = false;
			}
			return json.append('}');
		}
		if (value instanceof Collection<?> values) {
			json.append('[');
			boolean first = true;
			for (Object item : values) {
				json.append(first ? "" : ",");
				write(json, item);
				first = false;
			}
			return json.append(']');
		}
		return quote(json, value.toString());
	}

	/**
	 * Writes a JSON string.
	 * @param json where to write
	 * @param value the string
	 * @return the same builder
	 */
	public static StringBuilder quote(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"');
	}

}
