package dev.warden.security.support;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.test.TestIssuer;

/**
 * A claims set written as raw JSON, so that any member can hold any JSON text (a wrong type, a
 * duplicate, a number no Java type holds exactly).
 */
public final class Claims {

	private final Map<String, String> members = new LinkedHashMap<>();

	private final StringBuilder extra = new StringBuilder();

	private Claims() {
	}

	/** A valid claims set of the issuer (scope {@code data:read}). */
	public static Claims valid(TestIssuer issuer) {
		Claims claims = new Claims();
		Jose.claims(issuer, "data:read").forEach((name, value) -> claims.members.put(name, jsonValue(value)));
		return claims;
	}

	/** Sets a member to raw JSON text. */
	public Claims raw(String name, String json) {
		this.members.put(name, json);
		return this;
	}

	public Claims string(String name, String value) {
		return raw(name, jsonValue(value));
	}

	/** A Java value (string, number, boolean, list, map) as JSON text. */
	static String jsonValue(Object value) {
		String member = Jose.json(Map.of("v", value));
		return member.substring("{\"v\":".length(), member.length() - 1);
	}

	public Claims number(String name, long value) {
		return raw(name, Long.toString(value));
	}

	public Claims without(String name) {
		this.members.remove(name);
		return this;
	}

	/** Appends a raw member after the others, even if the name is already present (a duplicate key). */
	public Claims duplicate(String name, String json) {
		this.extra.append(",\"").append(name).append("\":").append(json);
		return this;
	}

	public String json() {
		StringBuilder json = new StringBuilder("{");
		this.members.forEach((name, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append('"').append(name).append("\":").append(value);
		});
		json.append(this.extra);
		return json.append('}').toString();
	}

	/** Signed by the issuer (RS256, its kid, typ at+jwt). */
	public String signedBy(TestIssuer issuer) {
		return Jose.issuerSigned(issuer, Jose.rs256Header(issuer), json());
	}

}
