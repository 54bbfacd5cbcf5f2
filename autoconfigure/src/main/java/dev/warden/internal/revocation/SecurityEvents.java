package dev.warden.internal.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warden.internal.NumericDates;
import dev.warden.revocation.RevocationListener;

/**
 * Acts on the events of a verified SET: CAEP {@code session-revoked} and {@code credential-change},
 * RISC {@code account-disabled}, {@code account-purged} and {@code credential-compromise} record a
 * revocation; RISC {@code account-enabled} lifts an account-level block; an SSF stream verification
 * is recorded; every other event type is counted and ignored. The subject is the SET's top-level
 * {@code sub_id} (SSF 1.0) or the event's own {@code subject} (earlier drafts), in the formats
 * {@code iss_sub}, {@code email}, {@code jwt_id} and {@code complex} ({@code user}, {@code session},
 * {@code tenant}). A subject Warden cannot match exactly is ignored: an unknown member never widens a
 * revocation.
 */
public final class SecurityEvents {

	/** CAEP event types. */
	public static final String CAEP = "https://schemas.openid.net/secevent/caep/event-type/";

	/** RISC event types. */
	public static final String RISC = "https://schemas.openid.net/secevent/risc/event-type/";

	/** The SSF stream verification event. */
	public static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";

	private static final Set<String> COMPLEX_MEMBERS = Set.of("format", "user", "session", "tenant");

	private final Revocations revocations;

	private final Duration retention;

	private final Clock clock;

	private final RevocationListener listener;

	private final Set<String> tokenIssuers;

	private volatile Instant lastVerification;

	/**
	 * Creates the handler for events from any transmitter, with no issuer scoping.
	 * @param revocations where revocations are recorded
	 * @param retention how long an entry is kept after its cutoff: the longest token lifetime expected
	 * @param clock the clock
	 * @param listener told about each event
	 */
	public SecurityEvents(Revocations revocations, Duration retention, Clock clock, RevocationListener listener) {
		this(revocations, retention, clock, listener, Set.of());
	}

	/**
	 * Creates the handler. A SET whose {@code iss} is one of the trusted token issuers speaks for that
	 * issuer only: a subject naming another issuer is ignored, and a subject without one (an email, a
	 * session, a token id) is scoped to the SET's issuer. A SET from a separate transmitter may name any
	 * issuer.
	 * @param revocations where revocations are recorded
	 * @param retention how long an entry is kept after its cutoff: the longest token lifetime expected
	 * @param clock the clock
	 * @param listener told about each event
	 * @param tokenIssuers the {@code iss} values of the trusted token issuers
	 */
	public SecurityEvents(Revocations revocations, Duration retention, Clock clock, RevocationListener listener,
			Set<String> tokenIssuers) {
		this.revocations = revocations;
		this.retention = retention;
		this.clock = clock;
		this.listener = listener;
		this.tokenIssuers = Set.copyOf(tokenIssuers);
	}

	/**
	 * Acts on every event of a verified SET.
	 * @param set the SET
	 * @return what was done, one line per event, for the debug log (no token text)
	 */
	public List<String> handle(SecurityEventTokenVerifier.Verified set) {
		List<String> done = new ArrayList<>();
		for (Map.Entry<String, Object> event : set.events().entrySet()) {
			Map<String, Object> body = (event.getValue() instanceof Map<?, ?> map) ? cast(map) : Map.of();
			done.add(handle(event.getKey(), body, set));
		}
		return done;
	}

	private String handle(String uri, Map<String, Object> event, SecurityEventTokenVerifier.Verified set) {
		String type = type(uri);
		if (type.equals("verification")) {
			this.lastVerification = this.clock.instant();
			this.listener.event(type, "recorded");
			return "verification recorded";
		}
		if (type.equals("other")) {
			this.listener.event(type, "ignored");
			return "event type not acted on: ignored";
		}
		Object subjectClaim = (event.get("subject") instanceof Map<?, ?>) ? event.get("subject") : set.subject();
		Target target = (subjectClaim instanceof Map<?, ?> subject) ? target(cast(subject)) : null;
		if (target == null) {
			this.listener.event(type, "ignored");
			return type + ": subject not understood: ignored";
		}
		if (this.tokenIssuers.contains(set.issuer())) {
			if (target.issuer() != null && !target.issuer().equals(set.issuer())) {
				// a token issuer speaks for its own accounts only
				this.listener.event(type, "ignored");
				return type + ": subject of another issuer: ignored";
			}
			target = target.scopedTo(set.issuer());
		}
		Instant now = this.clock.instant();
		Instant cutoff = cutoff(event.get("event_timestamp"), set.issuedAt(), now);
		if (type.equals("account_enabled")) {
			boolean lifted = target.issuer() != null && target.subject() != null
					&& this.revocations.lift(target.issuer(), target.subject(), cutoff);
			this.listener.event(type, lifted ? "lifted" : "ignored");
			return type + (lifted ? ": account block lifted" : ": no account block: ignored");
		}
		RevocationEntry entry = entry(type, target, cutoff, now);
		if (entry == null) {
			this.listener.event(type, "ignored");
			return type + ": subject not matched by any token: ignored";
		}
		this.revocations.record(entry);
		this.listener.event(type, "applied");
		return type + ": " + entry.describe() + " revoked up to " + cutoff;
	}

	private RevocationEntry entry(String type, Target target, Instant cutoff, Instant now) {
		Instant keepUntil = later(cutoff, now).plus(this.retention);
		if (target.tokenId() != null) {
			return new RevocationEntry(RevocationEntry.Kind.TOKEN, target.issuer(), null, null, null, target.tokenId(),
					cutoff, now.plus(this.retention), type);
		}
		if (target.sessionId() != null && !target.sessionId().equals("ALL")) {
			return new RevocationEntry(RevocationEntry.Kind.SESSION, target.issuer(), target.subject(), null,
					target.sessionId(), null, cutoff, keepUntil, type);
		}
		if (target.subject() != null && target.issuer() != null) {
			RevocationEntry.Kind kind = type.equals("account_disabled") ? RevocationEntry.Kind.ACCOUNT
					: RevocationEntry.Kind.SUBJECT;
			return new RevocationEntry(kind, target.issuer(), target.subject(), null, null, null, cutoff, keepUntil, type);
		}
		if (target.email() != null) {
			return new RevocationEntry(RevocationEntry.Kind.EMAIL, target.issuer(), null, target.email(), null, null,
					cutoff, keepUntil, type);
		}
		return null;
	}

	/** The event's time, never later than now: a clock ahead must not block tokens not yet issued. */
	private static Instant cutoff(Object eventTimestamp, Instant issuedAt, Instant now) {
		Instant at = issuedAt;
		if (eventTimestamp != null) {
			try {
				at = NumericDates.parse(eventTimestamp);
			}
			catch (IllegalArgumentException ex) {
				at = issuedAt;
			}
		}
		return at.isAfter(now) ? now : at;
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	/**
	 * The short tag of an event type URI.
	 * @param uri the URI
	 * @return the tag, {@code other} for a type Warden does not act on
	 */
	static String type(String uri) {
		if (uri.equals(VERIFICATION)) {
			return "verification";
		}
		if (uri.startsWith(CAEP)) {
			return switch (uri.substring(CAEP.length())) {
				case "session-revoked" -> "session_revoked";
				case "credential-change" -> "credential_change";
				default -> "other";
			};
		}
		if (uri.startsWith(RISC)) {
			return switch (uri.substring(RISC.length())) {
				case "account-disabled" -> "account_disabled";
				case "account-enabled" -> "account_enabled";
				case "account-purged" -> "account_purged";
				case "credential-compromise", "credentials-compromised" -> "credential_compromise";
				default -> "other";
			};
		}
		return "other";
	}

	/** Whom an event is about, as far as Warden can match it to tokens. */
	record Target(String issuer, String subject, String email, String sessionId, String tokenId) {

		Target scopedTo(String iss) {
			return (this.issuer != null) ? this : new Target(iss, this.subject, this.email, this.sessionId, this.tokenId);
		}

	}

	/**
	 * Reads a subject identifier: {@code iss_sub}, {@code email}, {@code jwt_id}, or {@code complex}
	 * with {@code user} ({@code iss_sub} or {@code email}), {@code session} ({@code opaque} id, or
	 * {@code ALL}) and {@code tenant} (ignored).
	 * @return the target, or {@code null} when it cannot be matched exactly
	 */
	static Target target(Map<String, Object> subject) {
		String format = string(subject.get("format"));
		if (format == null) {
			return null;
		}
		switch (format) {
			case "iss_sub" -> {
				String iss = string(subject.get("iss"));
				String sub = string(subject.get("sub"));
				return (iss != null && sub != null) ? new Target(iss, sub, null, null, null) : null;
			}
			case "email" -> {
				String email = string(subject.get("email"));
				return (email != null) ? new Target(null, null, email, null, null) : null;
			}
			case "jwt_id" -> {
				String jti = string(subject.get("jti"));
				return (jti != null) ? new Target(string(subject.get("iss")), null, null, null, jti) : null;
			}
			case "complex" -> {
				return complex(subject);
			}
			default -> {
				return null;
			}
		}
	}

	private static Target complex(Map<String, Object> subject) {
		if (!COMPLEX_MEMBERS.containsAll(subject.keySet())) {
			// a member Warden does not know narrows the subject in a way it cannot check
			return null;
		}
		Target user = null;
		if (subject.get("user") instanceof Map<?, ?> member) {
			user = target(cast(member));
			if (user == null || user.tokenId() != null || user.sessionId() != null) {
				return null;
			}
		}
		String session = null;
		if (subject.get("session") instanceof Map<?, ?> member) {
			Map<String, Object> s = cast(member);
			if (!"opaque".equals(s.get("format")) || string(s.get("id")) == null) {
				return null;
			}
			session = string(s.get("id"));
		}
		else if (subject.containsKey("session")) {
			return null;
		}
		if (user == null && (session == null || session.equals("ALL"))) {
			return null;
		}
		if (user == null) {
			return new Target(null, null, null, session, null);
		}
		return new Target(user.issuer(), user.subject(), user.email(), session, null);
	}

	private static String string(Object value) {
		return (value instanceof String text && !text.isBlank()) ? text : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

	/**
	 * When the last stream verification event arrived.
	 * @return the time, or {@code null} before the first
	 */
	public Instant lastVerification() {
		return this.lastVerification;
	}

}
