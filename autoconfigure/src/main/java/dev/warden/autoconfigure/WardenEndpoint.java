package dev.warden.autoconfigure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.revocation.RevocationEntry;
import dev.warden.internal.revocation.Revocations;
import dev.warden.internal.scope.EndpointInventory;
import dev.warden.internal.scope.EndpointRegistry;
import dev.warden.revocation.RevocationListener;
import dev.warden.internal.scope.StepUp;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * Actuator endpoint {@code warden}: the inventory of the application's endpoints and what each
 * requires — the same list Warden logs at startup — and operators' revocations ({@code POST}). Exposed like any Actuator endpoint
 * ({@code management.endpoints.web.exposure.include=warden}); it needs a token with the Actuator
 * scope unless it is on a public path.
 */
@Endpoint(id = "warden")
public class WardenEndpoint {

	private final EndpointInventory registry;

	private final WardenProperties properties;

	private final Revocations revocations;

	private final TrustedIssuers trustedIssuers;

	private final RevocationListener listener;

	WardenEndpoint(EndpointInventory registry, WardenProperties properties) {
		this(registry, properties, null, null, RevocationListener.NONE);
	}

	WardenEndpoint(EndpointInventory registry, WardenProperties properties, Revocations revocations,
			TrustedIssuers trustedIssuers, RevocationListener listener) {
		this.registry = registry;
		this.properties = properties;
		this.revocations = revocations;
		this.trustedIssuers = trustedIssuers;
		this.listener = listener;
	}

	/**
	 * Revokes, for incident response, every token of a subject, an e-mail address or a session
	 * issued until now, or one token by its id: the same kind of entry a pushed event records, shared
	 * with the other instances when the shared store is on. {@code POST /actuator/warden} with a JSON
	 * body naming exactly one of {@code sub} (with {@code iss}: the issuer's {@code iss} or its
	 * configured name, optional with a single issuer), {@code email}, {@code sid} or {@code jti}.
	 * @param iss the issuer, by its {@code iss} or configured name
	 * @param sub the subject
	 * @param email the e-mail address
	 * @param sid the session id
	 * @param jti the token id
	 * @return what was recorded
	 */
	@WriteOperation
	public Map<String, Object> revoke(@Nullable String iss, @Nullable String sub, @Nullable String email,
			@Nullable String sid, @Nullable String jti) {
		if (this.revocations == null) {
			throw new InvalidEndpointRequestException("Revocation is not available", "Revocation is not available");
		}
		sub = blankToNull(sub);
		email = blankToNull(email);
		sid = blankToNull(sid);
		jti = blankToNull(jti);
		int named = count(sub) + count(email) + count(sid) + count(jti);
		if (named != 1) {
			throw new InvalidEndpointRequestException("Name exactly one of sub, email, sid or jti",
					"Name exactly one of sub, email, sid or jti");
		}
		String issuer = issuer(iss, sub != null);
		Instant now = Instant.now();
		Instant keepUntil = now.plus(this.properties.getRevocation().getRetention());
		RevocationEntry entry;
		if (sub != null) {
			entry = new RevocationEntry(RevocationEntry.Kind.SUBJECT, issuer, sub.trim(), null, null, null, now,
					keepUntil, "operator");
		}
		else if (email != null) {
			entry = new RevocationEntry(RevocationEntry.Kind.EMAIL, null, null, email.trim(), null, null, now,
					keepUntil, "operator");
		}
		else if (sid != null) {
			entry = new RevocationEntry(RevocationEntry.Kind.SESSION, issuer, null, null, sid.trim(), null, now,
					keepUntil, "operator");
		}
		else {
			entry = new RevocationEntry(RevocationEntry.Kind.TOKEN, issuer, null, null, null, jti.trim(), now,
					keepUntil, "operator");
		}
		RevocationEntry kept = this.revocations.record(entry);
		this.listener.event("operator", "applied");
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("revoked", kept.describe());
		answer.put("issuedUntil", kept.cutoff().toString());
		answer.put("keptUntil", kept.expiresAt().toString());
		return answer;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static int count(String value) {
		return (value != null && !value.isBlank()) ? 1 : 0;
	}

	/** The issuer's {@code iss}, from its {@code iss} or configured name; required with a subject. */
	private String issuer(String iss, boolean required) {
		if (iss == null || iss.isBlank()) {
			if (required && this.trustedIssuers != null && this.trustedIssuers.all().size() == 1) {
				return this.trustedIssuers.all().get(0).issuer();
			}
			if (required) {
				throw new InvalidEndpointRequestException("Name the issuer (iss) of the subject",
						"Name the issuer (iss) of the subject");
			}
			return null;
		}
		String value = iss.trim();
		if (this.trustedIssuers != null && this.trustedIssuers.named(value) != null) {
			return this.trustedIssuers.named(value).issuer();
		}
		return value;
	}

	/**
	 * The inventory.
	 * @return the default policy, strict mode and every endpoint
	 */
	@ReadOperation
	public Map<String, Object> inventory() {
		List<Map<String, Object>> endpoints = new ArrayList<>();
		for (EndpointRegistry.Endpoint endpoint : this.registry.endpoints()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("methods", List.copyOf(endpoint.methods()));
			entry.put("patterns", List.copyOf(endpoint.patterns()));
			entry.put("rule", endpoint.requirement().rule().name().toLowerCase(java.util.Locale.ROOT));
			entry.put("scopes", List.copyOf(endpoint.requirement().scopes()));
			if (endpoint.requirement().liveCheck()) {
				entry.put("liveCheck", true);
			}
			if (endpoint.requirement().dpop()) {
				entry.put("dpop", true);
			}
			if (!endpoint.requirement().issuers().isEmpty()) {
				entry.put("issuers", List.copyOf(endpoint.requirement().issuers()));
			}
			StepUp stepUp = endpoint.requirement().stepUp();
			if (stepUp != null) {
				Map<String, Object> signIn = new LinkedHashMap<>();
				if (stepUp.acr() != null) {
					signIn.put("acr", stepUp.acr());
				}
				if (stepUp.maxAge() != null) {
					signIn.put("maxAgeSeconds", stepUp.maxAge().toSeconds());
				}
				entry.put("stepUp", signIn);
			}
			entry.put("handler", endpoint.handler());
			endpoints.add(entry);
		}
		Map<String, Object> inventory = new LinkedHashMap<>();
		inventory.put("defaultPolicy", this.properties.getScopes().getDefaultPolicy().name().toLowerCase(java.util.Locale.ROOT));
		inventory.put("strict", this.properties.getScopes().isStrict());
		inventory.put("undeclared", this.registry.undeclared().size());
		inventory.put("endpoints", endpoints);
		return inventory;
	}

}
