package dev.warden.internal.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.warden.revocation.RevocationListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading events and subjects: which entry each event type and subject format records, and which
 * are ignored — never widened.
 */
class SecurityEventsTest {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private static final String ISS = "https://auth.example.com";

	private final Revocations revocations = new Revocations(100, Clock.fixed(NOW, ZoneOffset.UTC),
			RevocationListener.NONE);

	private final SecurityEvents events = new SecurityEvents(this.revocations, Duration.ofHours(1),
			Clock.fixed(NOW, ZoneOffset.UTC), RevocationListener.NONE);

	private List<String> handle(String type, Map<String, Object> event, Map<String, Object> subject) {
		return this.events.handle(new SecurityEventTokenVerifier.Verified(ISS, "set-1", NOW.minusSeconds(1),
				Map.of(type, event), subject));
	}

	@Test
	void eventTypesHaveTheirShortNames() {
		assertThat(SecurityEvents.type(SecurityEvents.CAEP + "session-revoked")).isEqualTo("session_revoked");
		assertThat(SecurityEvents.type(SecurityEvents.CAEP + "credential-change")).isEqualTo("credential_change");
		assertThat(SecurityEvents.type(SecurityEvents.RISC + "account-disabled")).isEqualTo("account_disabled");
		assertThat(SecurityEvents.type(SecurityEvents.RISC + "account-enabled")).isEqualTo("account_enabled");
		assertThat(SecurityEvents.type(SecurityEvents.RISC + "account-purged")).isEqualTo("account_purged");
		assertThat(SecurityEvents.type(SecurityEvents.RISC + "credential-compromise")).isEqualTo("credential_compromise");
		assertThat(SecurityEvents.type(SecurityEvents.RISC + "credentials-compromised")).isEqualTo("credential_compromise");
		assertThat(SecurityEvents.type(SecurityEvents.VERIFICATION)).isEqualTo("verification");
		assertThat(SecurityEvents.type(SecurityEvents.CAEP + "token-claims-change")).isEqualTo("other");
		assertThat(SecurityEvents.type("urn:example:whatever")).isEqualTo("other");
	}

	@Test
	void theEventTimestampIsTheCutoffAndNeverLaterThanNow() {
		handle(SecurityEvents.CAEP + "session-revoked", Map.of("event_timestamp", NOW.minusSeconds(30).getEpochSecond()),
				Map.of("format", "iss_sub", "iss", ISS, "sub", "alice"));
		handle(SecurityEvents.CAEP + "session-revoked", Map.of("event_timestamp", NOW.plusSeconds(3600).getEpochSecond()),
				Map.of("format", "iss_sub", "iss", ISS, "sub", "bob"));
		handle(SecurityEvents.CAEP + "credential-change", Map.of(), Map.of("format", "iss_sub", "iss", ISS, "sub", "carol"));
		Map<String, RevocationEntry> bySubject = new java.util.HashMap<>();
		this.revocations.active().forEach((entry) -> bySubject.put(entry.subject(), entry));
		assertThat(bySubject.get("alice").cutoff()).isEqualTo(NOW.minusSeconds(30));
		assertThat(bySubject.get("bob").cutoff()).isEqualTo(NOW);
		// no event_timestamp: the SET's iat
		assertThat(bySubject.get("carol").cutoff()).isEqualTo(NOW.minusSeconds(1));
		assertThat(bySubject.get("alice").expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
	}

	@Test
	void subjectsThatCannotBeMatchedExactlyAreIgnored() {
		String type = SecurityEvents.CAEP + "session-revoked";
		List<Map<String, Object>> ignored = List.of(Map.of("format", "iss_sub", "iss", ISS),
				Map.of("format", "phone_number", "phone_number", "+1 555"), Map.of("format", "opaque", "id", "x"),
				Map.of("format", "complex", "user", Map.of("format", "iss_sub", "iss", ISS, "sub", "alice"), "device",
						Map.of("format", "opaque", "id", "d1")),
				Map.of("format", "complex", "session", Map.of("format", "opaque", "id", "ALL")),
				Map.of("format", "complex", "user", Map.of("format", "iss_sub", "iss", ISS, "sub", "alice"), "session",
						Map.of("format", "uri", "uri", "x")),
				Map.of("format", "complex", "user", Map.of("format", "jwt_id", "jti", "t1")), Map.of());
		for (Map<String, Object> subject : ignored) {
			assertThat(handle(type, Map.of(), subject)).as(subject.toString()).singleElement().asString().contains("ignored");
		}
		assertThat(handle(type, Map.of(), null)).singleElement().asString().contains("ignored");
		assertThat(this.revocations.size()).isZero();
	}

	@Test
	void aComplexSubjectNamesAUserASessionOrBoth() {
		String type = SecurityEvents.CAEP + "session-revoked";
		handle(type, Map.of(), Map.of("format", "complex", "user", Map.of("format", "iss_sub", "iss", ISS, "sub", "alice"),
				"session", Map.of("format", "opaque", "id", "s1"), "tenant", Map.of("format", "opaque", "id", "t")));
		handle(type, Map.of(), Map.of("format", "complex", "user", Map.of("format", "email", "email", "bob@example.com"),
				"session", Map.of("format", "opaque", "id", "ALL")));
		handle(type, Map.of(), Map.of("format", "complex", "session", Map.of("format", "opaque", "id", "s9")));
		assertThat(this.revocations.active()).extracting(RevocationEntry::kind).containsExactlyInAnyOrder(
				RevocationEntry.Kind.SESSION, RevocationEntry.Kind.EMAIL, RevocationEntry.Kind.SESSION);
	}

	@Test
	void verificationIsRecordedAndRevokesNothing() {
		assertThat(this.events.lastVerification()).isNull();
		handle(SecurityEvents.VERIFICATION, Map.of("state", "x"), null);
		assertThat(this.events.lastVerification()).isEqualTo(NOW);
		assertThat(this.revocations.size()).isZero();
	}

	@Test
	void aTokenIssuerSpeaksForItsOwnAccountsOnly() {
		String other = "https://partner.example.com";
		SecurityEvents scoped = new SecurityEvents(this.revocations, Duration.ofHours(1),
				Clock.fixed(NOW, ZoneOffset.UTC), RevocationListener.NONE, java.util.Set.of(ISS, other));
		String type = SecurityEvents.CAEP + "session-revoked";
		// the partner realm's SET about an account of ISS: ignored
		assertThat(scoped.handle(new SecurityEventTokenVerifier.Verified(other, "set-1", NOW, Map.of(type, Map.of()),
				Map.of("format", "iss_sub", "iss", ISS, "sub", "alice"))))
			.singleElement()
			.asString()
			.contains("another issuer");
		assertThat(this.revocations.size()).isZero();
		// an email or a session without an issuer: scoped to the issuer that sent it
		scoped.handle(new SecurityEventTokenVerifier.Verified(other, "set-2", NOW, Map.of(type, Map.of()),
				Map.of("format", "email", "email", "carol@example.com")));
		scoped.handle(new SecurityEventTokenVerifier.Verified(other, "set-3", NOW, Map.of(type, Map.of()),
				Map.of("format", "complex", "session", Map.of("format", "opaque", "id", "s1"))));
		assertThat(this.revocations.active()).extracting(RevocationEntry::issuer).containsExactly(other, other);
		Map<String, Object> carolAtIss = Map.of("iss", ISS, "sub", "carol", "email", "carol@example.com", "sid", "s1",
				"iat", NOW.minusSeconds(60).getEpochSecond());
		assertThat(this.revocations.revokes(carolAtIss)).isNull();
		Map<String, Object> carolAtOther = Map.of("iss", other, "sub", "carol", "email", "Carol@example.com",
				"iat", NOW.minusSeconds(60).getEpochSecond());
		assertThat(this.revocations.revokes(carolAtOther)).isNotNull();
		// a separate transmitter (not a token issuer) may name any issuer
		scoped.handle(new SecurityEventTokenVerifier.Verified("https://ssf.example.com", "set-4", NOW,
				Map.of(type, Map.of()), Map.of("format", "iss_sub", "iss", ISS, "sub", "alice")));
		assertThat(this.revocations.size()).isEqualTo(3);
	}

	@Test
	void aLateAccountEnabledDoesNotUndoANewerBlock() {
		Map<String, Object> alice = Map.of("format", "iss_sub", "iss", ISS, "sub", "alice");
		handle(SecurityEvents.RISC + "account-disabled", Map.of("event_timestamp", NOW.minusSeconds(10).getEpochSecond()),
				alice);
		assertThat(handle(SecurityEvents.RISC + "account-enabled",
				Map.of("event_timestamp", NOW.minusSeconds(60).getEpochSecond()), alice))
			.singleElement()
			.asString()
			.contains("ignored");
		assertThat(this.revocations.size()).isEqualTo(1);
		assertThat(handle(SecurityEvents.RISC + "account-enabled",
				Map.of("event_timestamp", NOW.minusSeconds(5).getEpochSecond()), alice))
			.singleElement()
			.asString()
			.contains("lifted");
		assertThat(this.revocations.size()).isZero();
	}

}
