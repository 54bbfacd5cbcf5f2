package dev.warden.internal.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.warden.internal.Digests;
import dev.warden.internal.revocation.RevocationEntry;
import dev.warden.internal.revocation.Revocations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The revocations on Redis: one key per entry ({@code <prefix>revocation:<hex SHA-256 of the
 * entry's key>}) that expires with the entry, and one channel ({@code <prefix>revocations}) on
 * which every change is published. Each operation throws what Redis throws; the caller decides
 * what a failure means.
 */
final class RedisRevocations {

	private static final Log logger = LogFactory.getLog(RedisSharedState.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	private final Clock clock;

	RedisRevocations(StringRedisTemplate redis, String prefix, Clock clock) {
		this.redis = redis;
		this.prefix = prefix;
		this.clock = clock;
	}

	/** The channel every change is published on. */
	String channel() {
		return this.prefix + "revocations";
	}

	/**
	 * Stores a change (deletes the entry, for a lift) and publishes it; an entry already past its
	 * lifetime is neither stored nor published.
	 * @param change the change
	 */
	void publish(Revocations.Change change) {
		String json = SharedCodec.write(change);
		String key = this.prefix + "revocation:" + Digests.hexSha256(change.entry().key().text());
		if (change.lifted()) {
			this.redis.delete(key);
		}
		else {
			long millis = Duration.between(this.clock.instant(), change.entry().expiresAt()).toMillis();
			if (millis <= 0) {
				return;
			}
			this.redis.opsForValue().set(key, json, Duration.ofMillis(millis));
		}
		this.redis.convertAndSend(channel(), json);
	}

	/**
	 * Reads every stored entry, 500 keys at a time; a value that is not a revocation is skipped.
	 * @return the entries
	 */
	List<RevocationEntry> load() {
		List<String> keys = new ArrayList<>();
		try (Cursor<String> cursor = this.redis
			.scan(ScanOptions.scanOptions().match(this.prefix + "revocation:*").count(1000).build())) {
			cursor.forEachRemaining(keys::add);
		}
		List<RevocationEntry> entries = new ArrayList<>();
		for (int from = 0; from < keys.size(); from += 500) {
			List<String> values = this.redis.opsForValue().multiGet(keys.subList(from, Math.min(keys.size(), from + 500)));
			if (values == null) {
				continue;
			}
			for (String value : values) {
				if (value == null) {
					continue;
				}
				try {
					entries.add(SharedCodec.readChange(value).entry());
				}
				catch (Exception ex) {
					logger.debug("Ignored a stored value that is not a revocation: " + ex);
				}
			}
		}
		return entries;
	}

}
