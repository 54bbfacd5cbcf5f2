package dev.warden.internal.revocation;

import java.time.Instant;
import java.util.Locale;

/**
 * One revocation: which tokens it refuses and until when it is kept. A token is refused when it
 * matches the entry and was issued ({@code iat}) at or before the cutoff; a {@link Kind#TOKEN}
 * entry refuses its one token whenever it was issued.
 *
 * @param kind what the entry matches
 * @param issuer the {@code iss} of the tokens it matches; {@code null} for any (a subject without an
 * issuer from a separate transmitter)
 * @param subject the {@code sub} ({@link Kind#SUBJECT}, {@link Kind#ACCOUNT}, optionally
 * {@link Kind#SESSION}), or {@code null}
 * @param email the e-mail address ({@link Kind#EMAIL}), or {@code null}
 * @param sessionId the {@code sid} ({@link Kind#SESSION}), or {@code null}
 * @param tokenId the {@code jti} ({@link Kind#TOKEN}), or {@code null}
 * @param cutoff tokens issued at or before this instant are refused
 * @param expiresAt when the entry may be forgotten: every token it could match has expired
 * @param event the event type that caused it, as a short tag (e.g. {@code session_revoked})
 */
public record RevocationEntry(Kind kind, String issuer, String subject, String email, String sessionId,
		String tokenId, Instant cutoff, Instant expiresAt, String event) {

	/** What an entry matches. */
	public enum Kind {

		/** Every token of one subject ({@code iss} + {@code sub}) issued before the cutoff. */
		SUBJECT,

		/**
		 * Every token of one account issued before the cutoff, until the account is enabled again
		 * (RISC {@code account-disabled}).
		 */
		ACCOUNT,

		/** Every token whose {@code email} claim is this address, issued before the cutoff. */
		EMAIL,

		/** Every token of one session ({@code sid}) issued before the cutoff. */
		SESSION,

		/** One token, by its {@code jti}. */
		TOKEN

	}

	/**
	 * The key under which the entry is indexed; entries with equal keys are merged.
	 * @return the key
	 */
	public Key key() {
		return switch (this.kind) {
			case SUBJECT, ACCOUNT -> new Key(this.kind, this.issuer, this.subject);
			case EMAIL -> new Key(this.kind, this.issuer, normalizeEmail(this.email));
			case SESSION -> new Key(this.kind, this.issuer, this.sessionId);
			case TOKEN -> new Key(this.kind, this.issuer, this.tokenId);
		};
	}

	/**
	 * An index key: a kind, an issuer (or {@code null}) and the value matched. Built from a token's
	 * claim strings without copying them, so that a lookup costs their cached hash codes.
	 *
	 * @param kind the kind of entry
	 * @param issuer the issuer, or {@code null}
	 * @param value the subject, address, session id or token id
	 */
	public record Key(Kind kind, String issuer, String value) {

		/**
		 * A text form for the shared store's key names (hashed there; never shown).
		 * @return the text
		 */
		public String text() {
			return this.kind.name() + '\u0000' + ((this.issuer != null) ? this.issuer : "") + '\u0000' + this.value;
		}

	}

	static String normalizeEmail(String email) {
		return (email != null) ? email.trim().toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * Whether this entry refuses a token of these claims: the same subject (or e-mail, session,
	 * token id), issued at or before the cutoff.
	 * @param iss the token's {@code iss}
	 * @param sub the token's {@code sub}
	 * @param issuedAt the token's {@code iat}, or {@code null} when it has none (treated as issued at
	 * the beginning of time: a token that cannot show it is newer is refused)
	 * @return whether the token is refused
	 */
	boolean refuses(String iss, String sub, Instant issuedAt) {
		if (this.issuer != null && !this.issuer.equals(iss)) {
			return false;
		}
		if (this.kind == Kind.SESSION && this.subject != null && !this.subject.equals(sub)) {
			return false;
		}
		if (this.kind == Kind.TOKEN) {
			return true;
		}
		return issuedAt == null || !issuedAt.isAfter(this.cutoff);
	}

	/**
	 * This entry merged with a later one under the same key: the later cutoff and expiry win.
	 * @param other the other entry
	 * @return the merged entry
	 */
	RevocationEntry merge(RevocationEntry other) {
		Instant newestCutoff = this.cutoff.isAfter(other.cutoff) ? this.cutoff : other.cutoff;
		Instant latestExpiry = this.expiresAt.isAfter(other.expiresAt) ? this.expiresAt : other.expiresAt;
		return new RevocationEntry(this.kind, this.issuer, this.subject, this.email, this.sessionId, this.tokenId,
				newestCutoff, latestExpiry, other.event);
	}

	/**
	 * A short description for logs and the Actuator endpoint, with no token text.
	 * @return the description
	 */
	public String describe() {
		return switch (this.kind) {
			case SUBJECT -> "subject " + this.subject + " of " + this.issuer;
			case ACCOUNT -> "account " + this.subject + " of " + this.issuer;
			case EMAIL -> "email " + this.email;
			case SESSION -> "session " + this.sessionId + ((this.issuer != null) ? " of " + this.issuer : "");
			case TOKEN -> "token id " + this.tokenId + ((this.issuer != null) ? " of " + this.issuer : "");
		};
	}

}
