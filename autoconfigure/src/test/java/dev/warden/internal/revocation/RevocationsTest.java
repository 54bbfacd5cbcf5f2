package dev.warden.internal.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.revocation.RevocationListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation list on its own: what each kind of entry refuses, the cutoff, expiry, merging,
 * lifting and the bound.
 */
class RevocationsTest {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private static final String ISS = "https://auth.example.com";

	private final AtomicInteger refusals = new AtomicInteger();

	private final Revocations revocations = new Revocations(100, Clock.fixed(NOW, ZoneOffset.UTC),
			new RevocationListener() {
				@Override
				public void refused() {
					RevocationsTest.this.refusals.incrementAndGet();
				}
			});

	private static RevocationEntry subject(String sub, Instant cutoff) {
		return new RevocationEntry(RevocationEntry.Kind.SUBJECT, ISS, sub, null, null, null, cutoff,
				NOW.plus(Duration.ofHours(1)), "session_revoked");
	}

	private static Map<String, Object> token(String sub, Instant iat) {
		return Map.of("iss", ISS, "sub", sub, "iat", iat.getEpochSecond());
	}

	@Test
	void aSubjectEntryRefusesTokensIssuedUpToItsCutoffOnly() {
		this.revocations.record(subject("alice", NOW.minusSeconds(10)));
		assertThat(this.revocations.revokes(token("alice", NOW.minusSeconds(60)))).isNotNull();
		assertThat(this.revocations.revokes(token("alice", NOW.minusSeconds(10)))).isNotNull();
		assertThat(this.revocations.revokes(token("alice", NOW.minusSeconds(9)))).isNull();
		assertThat(this.revocations.revokes(token("bob", NOW.minusSeconds(60)))).isNull();
		assertThat(this.revocations.revokes(Map.of("iss", "https://other.example", "sub", "alice", "iat",
				NOW.minusSeconds(60).getEpochSecond()))).isNull();
		assertThat(this.refusals).hasValue(2);
	}

	@Test
	void aTokenThatCannotShowWhenItWasIssuedIsRefused() {
		this.revocations.record(subject("alice", NOW.minusSeconds(10)));
		assertThat(this.revocations.revokes(Map.of("iss", ISS, "sub", "alice"))).isNotNull();
		assertThat(this.revocations.revokes(Map.of("iss", ISS, "sub", "alice", "iat", "yesterday"))).isNotNull();
	}

	@Test
	void sessionTokenAndEmailEntriesMatchTheirClaims() {
		this.revocations.record(new RevocationEntry(RevocationEntry.Kind.SESSION, ISS, "alice", null, "s1", null, NOW,
				NOW.plusSeconds(60), "session_revoked"));
		this.revocations.record(new RevocationEntry(RevocationEntry.Kind.TOKEN, ISS, null, null, null, "t1", NOW,
				NOW.plusSeconds(60), "credential_compromise"));
		this.revocations.record(new RevocationEntry(RevocationEntry.Kind.EMAIL, null, null, "Alice@Example.com", null,
				null, NOW, NOW.plusSeconds(60), "credential_change"));
		long iat = NOW.minusSeconds(5).getEpochSecond();
		assertThat(this.revocations.revokes(Map.of("iss", ISS, "sub", "alice", "sid", "s1", "iat", iat))).isNotNull();
		assertThat(this.revocations.revokes(Map.of("iss", ISS, "sub", "alice", "sid", "s2", "iat", iat))).isNull();
		assertThat(this.revocations.revokes(Map.of("iss", ISS, "sub", "mallory", "sid", "s1", "iat", iat))).isNull();
		// a token id refuses its token whenever it was issued
		assertThat(this.revocations.revokes(Map.of("iss", ISS, "sub", "bob", "jti", "t1",
				"iat", NOW.plusSeconds(30).getEpochSecond()))).isNotNull();
		assertThat(this.revocations.revokes(Map.of("iss", ISS, "sub", "bob", "jti", "t2", "iat", iat))).isNull();
		assertThat(this.revocations.revokes(Map.of("iss", ISS, "sub", "carol", "email", "ALICE@example.COM",
				"iat", iat))).isNotNull();
	}

	@Test
	void entriesUnderOneKeyMergeToTheLaterCutoffAndExpiry() {
		this.revocations.record(subject("alice", NOW.minusSeconds(100)));
		RevocationEntry merged = this.revocations.record(new RevocationEntry(RevocationEntry.Kind.SUBJECT, ISS, "alice",
				null, null, null, NOW.minusSeconds(10), NOW.plus(Duration.ofHours(2)), "credential_change"));
		assertThat(merged.cutoff()).isEqualTo(NOW.minusSeconds(10));
		assertThat(merged.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
		assertThat(this.revocations.size()).isEqualTo(1);
	}

	@Test
	void anExpiredEntryIsForgottenAndNeverRecorded() {
		this.revocations.record(new RevocationEntry(RevocationEntry.Kind.SUBJECT, ISS, "alice", null, null, null, NOW,
				NOW, "session_revoked"));
		assertThat(this.revocations.size()).isZero();
		assertThat(this.revocations.revokes(token("alice", NOW.minusSeconds(60)))).isNull();
	}

	@Test
	void liftingRemovesTheAccountBlockOnly() {
		this.revocations.record(new RevocationEntry(RevocationEntry.Kind.ACCOUNT, ISS, "alice", null, null, null, NOW,
				NOW.plusSeconds(60), "account_disabled"));
		this.revocations.record(subject("bob", NOW));
		assertThat(this.revocations.lift(ISS, "bob", NOW)).isFalse();
		assertThat(this.revocations.lift(ISS, "alice", NOW)).isTrue();
		assertThat(this.revocations.revokes(token("alice", NOW.minusSeconds(60)))).isNull();
		assertThat(this.revocations.revokes(token("bob", NOW.minusSeconds(60)))).isNotNull();
	}

	@Test
	void aLiftOlderThanTheBlockLeavesItInPlace() {
		this.revocations.record(new RevocationEntry(RevocationEntry.Kind.ACCOUNT, ISS, "alice", null, null, null, NOW,
				NOW.plusSeconds(60), "account_disabled"));
		// a late or replayed account-enabled from before the block must not undo it
		assertThat(this.revocations.lift(ISS, "alice", NOW.minusSeconds(30))).isFalse();
		assertThat(this.revocations.revokes(token("alice", NOW.minusSeconds(60)))).isNotNull();
		assertThat(this.revocations.lift(ISS, "alice", NOW.plusSeconds(1))).isTrue();
		assertThat(this.revocations.revokes(token("alice", NOW.minusSeconds(60)))).isNull();
	}

	@Test
	void theListIsBoundedAndForgetsWhatWouldExpireSoonestFirst() {
		Revocations small = new Revocations(3, Clock.fixed(NOW, ZoneOffset.UTC), RevocationListener.NONE);
		for (int i = 0; i < 5; i++) {
			small.record(new RevocationEntry(RevocationEntry.Kind.SUBJECT, ISS, "user-" + i, null, null, null, NOW,
					NOW.plusSeconds(100 + i), "session_revoked"));
		}
		assertThat(small.size()).isEqualTo(3);
		assertThat(small.revokes(token("user-0", NOW.minusSeconds(1)))).isNull();
		assertThat(small.revokes(token("user-4", NOW.minusSeconds(1)))).isNotNull();
	}

	@Test
	void observersHearOfLocalChangesOnly() {
		AtomicInteger heard = new AtomicInteger();
		this.revocations.onChange((change) -> heard.incrementAndGet());
		this.revocations.record(subject("alice", NOW));
		this.revocations.apply(subject("bob", NOW));
		assertThat(heard).hasValue(1);
		assertThat(this.revocations.size()).isEqualTo(2);
	}

}
