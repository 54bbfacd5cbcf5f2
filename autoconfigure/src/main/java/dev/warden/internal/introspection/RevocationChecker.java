package dev.warden.internal.introspection;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import dev.warden.introspection.FailurePolicy;
import dev.warden.introspection.IntrospectionListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Applies the outage policy to introspection: an active or inactive answer is final; a failed
 * call is {@link Verdict#UNAVAILABLE} under {@code deny}, or {@link Verdict#ALLOWED_UNCHECKED}
 * under {@code allow} (counted, and logged at most once a minute).
 */
public final class RevocationChecker {

	private static final Log logger = LogFactory.getLog(RevocationChecker.class);

	private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

	/** The verdict for a request. */
	public enum Verdict {

		/** The authorization server says the token is active. */
		ACTIVE,

		/** The authorization server says the token is not active: 401. */
		INACTIVE,

		/** No answer, and the policy is {@code deny}: 503. */
		UNAVAILABLE,

		/** No answer, and the policy is {@code allow}: the locally valid token is accepted. */
		ALLOWED_UNCHECKED

	}

	private final TokenIntrospector introspector;

	private final FailurePolicy policy;

	private final AtomicLong allowedUnchecked = new AtomicLong();

	private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

	private final AtomicLong lastClientWarning = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

	private final IntrospectionListener listener;

	private final String propertyPrefix;

	/**
	 * Creates a checker.
	 * @param introspector the cached introspector
	 * @param policy the outage policy
	 */
	public RevocationChecker(TokenIntrospector introspector, FailurePolicy policy) {
		this(introspector, policy, IntrospectionListener.NONE);
	}

	/**
	 * Creates a checker.
	 * @param introspector the cached introspector
	 * @param policy the outage policy
	 * @param listener told about refusals
	 */
	public RevocationChecker(TokenIntrospector introspector, FailurePolicy policy,
			IntrospectionListener listener) {
		this(introspector, policy, listener, "warden.introspection");
	}

	/**
	 * Creates a checker for one of several trusted issuers.
	 * @param introspector the cached introspector
	 * @param policy the outage policy
	 * @param listener told about refusals
	 * @param propertyPrefix where the issuer's introspection is configured, named in warnings (e.g.
	 * {@code warden.issuers.partner.introspection})
	 */
	public RevocationChecker(TokenIntrospector introspector, FailurePolicy policy, IntrospectionListener listener,
			String propertyPrefix) {
		this.introspector = introspector;
		this.policy = policy;
		this.listener = listener;
		this.propertyPrefix = propertyPrefix;
	}

	/**
	 * Checks a token.
	 * @param token the token
	 * @param expiresAt its expiry if known, or {@code null}
	 * @return the verdict
	 */
	public Verdict check(String token, Instant expiresAt) {
		return checkWithClaims(token, expiresAt).verdict();
	}

	/**
	 * Checks a token and returns the answer's claims when active.
	 * @param token the token
	 * @param expiresAt its expiry if known, or {@code null}
	 * @return the verdict and the answer
	 */
	public Checked checkWithClaims(String token, Instant expiresAt) {
		return checkWithClaims(token, expiresAt, true);
	}

	/**
	 * Checks a token and returns the answer's claims when active.
	 * @param token the token
	 * @param expiresAt its expiry if known, or {@code null}
	 * @param allowUnchecked whether the {@code allow} policy may apply: only for a token already
	 * validated locally (never for an opaque token, which nothing else vouches for)
	 * @return the verdict and the answer
	 */
	public Checked checkWithClaims(String token, Instant expiresAt, boolean allowUnchecked) {
		return checkWithClaims(token, TokenIntrospector.hash(token), expiresAt, allowUnchecked);
	}

	/**
	 * Checks a token that passed local validation, and returns the answer's claims when active.
	 * @param jwt the verified token
	 * @param keys remembers the cache key of a repeated token
	 * @return the verdict and the answer
	 */
	Checked checkWithClaims(Jwt jwt, TokenKeys keys) {
		return checkWithClaims(jwt.getTokenValue(), keys.of(jwt), jwt.getExpiresAt(), true);
	}

	private Checked checkWithClaims(String token, String key, Instant expiresAt, boolean allowUnchecked) {
		long start = System.nanoTime();
		try {
			return answered(this.introspector.introspect(token, key, expiresAt), start);
		}
		catch (IntrospectionFailedException ex) {
			return failed(ex, start, allowUnchecked);
		}
	}

	/**
	 * Checks a token without waiting: the verdict completes when the introspector has an answer
	 * (at once on a cache hit), on the thread that completes it. For callers that must not block.
	 * @param token the token
	 * @param expiresAt its expiry if known, or {@code null}
	 * @param allowUnchecked whether the {@code allow} policy may apply (see
	 * {@link #checkWithClaims(String, Instant, boolean)})
	 * @return the verdict and the answer; never completed exceptionally by an outage, which is a
	 * verdict
	 */
	public CompletableFuture<Checked> checkAsync(String token, Instant expiresAt, boolean allowUnchecked) {
		return checkAsync(token, TokenIntrospector.hash(token), expiresAt, allowUnchecked);
	}

	/**
	 * Checks a token that passed local validation without waiting (see
	 * {@link #checkAsync(String, Instant, boolean)}).
	 * @param jwt the verified token
	 * @param keys remembers the cache key of a repeated token
	 * @return the verdict and the answer
	 */
	CompletableFuture<Checked> checkAsync(Jwt jwt, TokenKeys keys) {
		return checkAsync(jwt.getTokenValue(), keys.of(jwt), jwt.getExpiresAt(), true);
	}

	private CompletableFuture<Checked> checkAsync(String token, String key, Instant expiresAt,
			boolean allowUnchecked) {
		long start = System.nanoTime();
		CompletableFuture<IntrospectionResult> answer = this.introspector.introspectAsync(token, key, expiresAt);
		return answer.handle((result, failure) -> {
			if (failure == null) {
				return answered(result, start);
			}
			Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure;
			IntrospectionFailedException failed = (cause instanceof IntrospectionFailedException ex) ? ex
					: new IntrospectionFailedException(IntrospectionFailedException.Kind.ERROR, cause.toString(), cause);
			return failed(failed, start, allowUnchecked);
		});
	}

	private Checked answered(IntrospectionResult result, long start) {
		if (!result.active()) {
			this.listener.revoked(System.nanoTime() - start);
		}
		return new Checked(result.active() ? Verdict.ACTIVE : Verdict.INACTIVE, result);
	}

	private Checked failed(IntrospectionFailedException ex, long start, boolean allowUnchecked) {
		if (ex.kind() == IntrospectionFailedException.Kind.CLIENT_REJECTED) {
			// a configuration problem, not an outage: say so where operators look, once a minute
			long now = System.nanoTime();
			long last = this.lastClientWarning.get();
			if (now - last >= LOG_INTERVAL_NANOS && this.lastClientWarning.compareAndSet(last, now)) {
				logger.warn(named(ex.getMessage()));
			}
		}
		if (this.policy == FailurePolicy.ALLOW && allowUnchecked) {
			long count = this.allowedUnchecked.incrementAndGet();
			long now = System.nanoTime();
			long last = this.lastLog.get();
			if (now - last >= LOG_INTERVAL_NANOS && this.lastLog.compareAndSet(last, now)) {
				logger.warn("Introspection failed (" + named(ex.getMessage()) + "); locally valid tokens are accepted "
						+ "unchecked under " + this.propertyPrefix + ".on-failure=allow (" + count + " so far)");
			}
			return new Checked(Verdict.ALLOWED_UNCHECKED, null);
		}
		logger.debug("Introspection failed: " + ex.getMessage());
		this.listener.unavailable(System.nanoTime() - start);
		return new Checked(Verdict.UNAVAILABLE, null);
	}

	/** A message naming this issuer's properties. */
	private String named(String message) {
		return (message != null) ? message.replace("warden.introspection.", this.propertyPrefix + ".") : null;
	}

	/**
	 * How many requests were let through unchecked under the {@code allow} policy.
	 * @return the count
	 */
	public long allowedUncheckedCount() {
		return this.allowedUnchecked.get();
	}

	/**
	 * The most recent call to the introspection endpoint (cache hits are not calls), for health.
	 * @return the call, or {@code null} before the first
	 */
	public TokenIntrospector.LastCall lastCall() {
		return this.introspector.lastCall();
	}

	/**
	 * The introspector behind this checker.
	 * @return the introspector
	 */
	public TokenIntrospector introspector() {
		return this.introspector;
	}

	/**
	 * A verdict and, when active, the answer.
	 *
	 * @param verdict the verdict
	 * @param result the answer, or {@code null}
	 */
	public record Checked(Verdict verdict, IntrospectionResult result) {
	}


}
