package dev.warden.internal.revocation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.warden.internal.NumericDates;
import dev.warden.revocation.RevocationListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * This instance's revocation list: every entry recorded here (pushed events, operators) or
 * received from the shared store, kept until every token it could match has expired. Bounded: when
 * full, the entry that would be forgotten soonest goes first (logged at WARN, at most once a minute).
 * A lookup is a few hash lookups on the request thread; when the list is empty it is one volatile
 * read.
 */
public final class Revocations {

	private static final Log logger = LogFactory.getLog(Revocations.class);

	private final Map<RevocationEntry.Key, RevocationEntry> entries = new ConcurrentHashMap<>();

	/** How many entries of each kind are kept, so that a lookup skips the kinds there are none of. */
	private final java.util.concurrent.atomic.AtomicIntegerArray kinds = new java.util.concurrent.atomic.AtomicIntegerArray(
			RevocationEntry.Kind.values().length);

	private final int maxEntries;

	private final Clock clock;

	private final RevocationListener listener;

	private final List<Consumer<Change>> observers = new CopyOnWriteArrayList<>();

	private volatile Instant lastEvictionWarning = Instant.EPOCH;

	/**
	 * A change to the list, for the shared store.
	 *
	 * @param entry the entry recorded, or the entry lifted
	 * @param lifted whether the entry was removed (RISC {@code account-enabled})
	 */
	public record Change(RevocationEntry entry, boolean lifted) {
	}

	/**
	 * Creates an empty list.
	 * @param maxEntries the most entries kept
	 * @param clock the clock
	 * @param listener told about refusals
	 */
	public Revocations(int maxEntries, Clock clock, RevocationListener listener) {
		this.maxEntries = maxEntries;
		this.clock = clock;
		this.listener = listener;
	}

	/**
	 * Registers an observer of every change made here (not of changes applied from elsewhere).
	 * @param observer the observer
	 */
	public void onChange(Consumer<Change> observer) {
		this.observers.add(observer);
	}

	/**
	 * Records an entry made here and tells the observers.
	 * @param entry the entry
	 * @return the entry as now kept (merged with an earlier one under the same key)
	 */
	public RevocationEntry record(RevocationEntry entry) {
		RevocationEntry kept = apply(entry);
		this.observers.forEach((observer) -> observer.accept(new Change(kept, false)));
		return kept;
	}

	/**
	 * Records an entry received from elsewhere (the shared store); observers are not told.
	 * @param entry the entry
	 * @return the entry as now kept
	 */
	public RevocationEntry apply(RevocationEntry entry) {
		if (!entry.expiresAt().isAfter(this.clock.instant())) {
			return entry;
		}
		RevocationEntry.Key key = entry.key();
		RevocationEntry kept = this.entries.compute(key, (k, existing) -> {
			if (existing == null) {
				this.kinds.incrementAndGet(k.kind().ordinal());
				return entry;
			}
			return existing.merge(entry);
		});
		if (this.entries.size() > this.maxEntries) {
			evict();
		}
		return kept;
	}

	/**
	 * Lifts an account-level block (RISC {@code account-enabled}) and tells the observers: only a
	 * block from before the lift, so that a late or replayed {@code account-enabled} never undoes a
	 * newer {@code account-disabled}.
	 * @param issuer the account's issuer
	 * @param subject the account's subject
	 * @param at when the account was enabled
	 * @return whether a block was lifted
	 */
	public boolean lift(String issuer, String subject, Instant at) {
		RevocationEntry removed = liftApplied(issuer, subject, at);
		if (removed != null) {
			this.observers.forEach((observer) -> observer.accept(new Change(removed, true)));
		}
		return removed != null;
	}

	/**
	 * Lifts an account-level block from before a time, received from elsewhere; observers are not
	 * told.
	 * @param issuer the account's issuer
	 * @param subject the account's subject
	 * @param at when the account was enabled
	 * @return the entry removed, or {@code null}
	 */
	public RevocationEntry liftApplied(String issuer, String subject, Instant at) {
		RevocationEntry.Key key = new RevocationEntry.Key(RevocationEntry.Kind.ACCOUNT, issuer, subject);
		RevocationEntry current = this.entries.get(key);
		if (current == null || current.cutoff().isAfter(at)) {
			return null;
		}
		return remove(current) ? current : null;
	}

	private boolean remove(RevocationEntry entry) {
		RevocationEntry.Key key = entry.key();
		if (this.entries.remove(key, entry)) {
			this.kinds.decrementAndGet(key.kind().ordinal());
			return true;
		}
		return false;
	}

	private boolean any(RevocationEntry.Kind kind) {
		return this.kinds.get(kind.ordinal()) > 0;
	}

	/**
	 * The entry that refuses a token of these claims, if any.
	 * @param claims the token's claims (or an introspection answer's)
	 * @return the entry, or {@code null} when the token is not revoked
	 */
	public RevocationEntry revokes(Map<String, Object> claims) {
		if (this.entries.isEmpty()) {
			return null;
		}
		String iss = string(claims.get("iss"));
		String sub = string(claims.get("sub"));
		RevocationEntry found = null;
		if (sub != null && any(RevocationEntry.Kind.SUBJECT)) {
			found = match(new RevocationEntry.Key(RevocationEntry.Kind.SUBJECT, iss, sub), iss, sub, claims);
		}
		if (found == null && sub != null && any(RevocationEntry.Kind.ACCOUNT)) {
			found = match(new RevocationEntry.Key(RevocationEntry.Kind.ACCOUNT, iss, sub), iss, sub, claims);
		}
		if (found == null && any(RevocationEntry.Kind.EMAIL)) {
			String email = string(claims.get("email"));
			if (email != null) {
				found = matchScoped(RevocationEntry.Kind.EMAIL, RevocationEntry.normalizeEmail(email), iss, sub, claims);
			}
		}
		if (found == null && any(RevocationEntry.Kind.SESSION)) {
			String sid = string(claims.get("sid"));
			if (sid != null) {
				found = matchScoped(RevocationEntry.Kind.SESSION, sid, iss, sub, claims);
			}
		}
		if (found == null && any(RevocationEntry.Kind.TOKEN)) {
			String jti = string(claims.get("jti"));
			if (jti != null) {
				found = matchScoped(RevocationEntry.Kind.TOKEN, jti, iss, sub, claims);
			}
		}
		if (found != null) {
			this.listener.refused();
		}
		return found;
	}

	/** An entry of the token's issuer, else one that names no issuer. */
	private RevocationEntry matchScoped(RevocationEntry.Kind kind, String value, String iss, String sub,
			Map<String, Object> claims) {
		RevocationEntry found = match(new RevocationEntry.Key(kind, iss, value), iss, sub, claims);
		return (found != null) ? found : match(new RevocationEntry.Key(kind, null, value), iss, sub, claims);
	}

	private RevocationEntry match(RevocationEntry.Key key, String iss, String sub, Map<String, Object> claims) {
		RevocationEntry entry = this.entries.get(key);
		if (entry == null) {
			return null;
		}
		if (!entry.expiresAt().isAfter(this.clock.instant())) {
			remove(entry);
			return null;
		}
		return entry.refuses(iss, sub, issuedAt(claims.get("iat"))) ? entry : null;
	}

	private static String string(Object value) {
		return (value instanceof String text && !text.isEmpty()) ? text : null;
	}

	private static Instant issuedAt(Object value) {
		try {
			return NumericDates.parse(value);
		}
		catch (IllegalArgumentException ex) {
			// an iat that is no number cannot show the token is newer than a revocation
			return null;
		}
	}

	/** Forgets every entry past its expiry. */
	public void purgeExpired() {
		Instant now = this.clock.instant();
		for (RevocationEntry entry : this.entries.values()) {
			if (!entry.expiresAt().isAfter(now)) {
				remove(entry);
			}
		}
	}

	private void evict() {
		purgeExpired();
		int over = this.entries.size() - this.maxEntries;
		if (over <= 0) {
			return;
		}
		List<RevocationEntry> soonest = new ArrayList<>(this.entries.values());
		soonest.sort(Comparator.comparing(RevocationEntry::expiresAt));
		for (int i = 0; i < over && i < soonest.size(); i++) {
			remove(soonest.get(i));
		}
		Instant now = this.clock.instant();
		if (now.isAfter(this.lastEvictionWarning.plusSeconds(60))) {
			this.lastEvictionWarning = now;
			logger.warn("The revocation list is full (warden.revocation.max-entries=" + this.maxEntries
					+ "): the entries that would expire soonest were forgotten. Raise warden.revocation.max-entries "
					+ "or lower warden.revocation.retention.");
		}
	}

	/**
	 * How many entries are kept.
	 * @return the count
	 */
	public int size() {
		return this.entries.size();
	}

	/**
	 * Every entry still in force.
	 * @return the entries
	 */
	public List<RevocationEntry> active() {
		Instant now = this.clock.instant();
		return this.entries.values().stream().filter((entry) -> entry.expiresAt().isAfter(now)).toList();
	}

}
