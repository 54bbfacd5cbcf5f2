package dev.warden.internal.shared;

import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.warden.internal.Json;
import dev.warden.internal.introspection.IntrospectionResult;
import dev.warden.internal.revocation.RevocationEntry;
import dev.warden.internal.revocation.Revocations;

/**
 * The JSON forms of what Warden keeps in the shared store. Nothing here holds a token: answers are
 * stored under the token's hash, revocations name subjects, sessions and token ids.
 */
final class SharedCodec {

	private SharedCodec() {
	}

	static String write(Revocations.Change change) {
		RevocationEntry entry = change.entry();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("kind", entry.kind().name());
		json.put("iss", entry.issuer());
		json.put("sub", entry.subject());
		json.put("email", entry.email());
		json.put("sid", entry.sessionId());
		json.put("jti", entry.tokenId());
		json.put("cutoff", entry.cutoff().toEpochMilli());
		json.put("expiresAt", entry.expiresAt().toEpochMilli());
		json.put("event", entry.event());
		json.put("lifted", change.lifted());
		return Json.write(new StringBuilder(256), json).toString();
	}

	static Revocations.Change readChange(String text) throws ParseException {
		Map<String, Object> json = JSONObjectUtils.parse(text);
		RevocationEntry entry = new RevocationEntry(RevocationEntry.Kind.valueOf(JSONObjectUtils.getString(json, "kind")),
				JSONObjectUtils.getString(json, "iss"), JSONObjectUtils.getString(json, "sub"),
				JSONObjectUtils.getString(json, "email"), JSONObjectUtils.getString(json, "sid"),
				JSONObjectUtils.getString(json, "jti"), Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "cutoff")),
				Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "expiresAt")), JSONObjectUtils.getString(json, "event"));
		return new Revocations.Change(entry, Boolean.TRUE.equals(json.get("lifted")));
	}

	static String write(IntrospectionResult result) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("active", result.active());
		json.put("claims", result.claims());
		json.put("exp", (result.expiresAt() != null) ? result.expiresAt().toEpochMilli() : null);
		json.put("reason", result.reason());
		return Json.write(new StringBuilder(256), json).toString();
	}

	static IntrospectionResult readAnswer(String text) throws ParseException {
		Map<String, Object> json = JSONObjectUtils.parse(text);
		Object exp = json.get("exp");
		Map<String, Object> claims = JSONObjectUtils.getJSONObject(json, "claims");
		return new IntrospectionResult(Boolean.TRUE.equals(json.get("active")), (claims != null) ? claims : Map.of(),
				(exp instanceof Number millis) ? Instant.ofEpochMilli(millis.longValue()) : null,
				JSONObjectUtils.getString(json, "reason"));
	}

}
