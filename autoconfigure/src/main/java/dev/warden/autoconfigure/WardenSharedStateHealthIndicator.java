package dev.warden.autoconfigure;

import java.time.Instant;

import dev.warden.internal.shared.RedisSharedState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health contributor {@code wardenSharedState}: UP while the shared store answers; DEGRADED (HTTP
 * 200) while this instance works on its local state, with since when and why. Reads what the store
 * already knows: no extra call per probe.
 */
class WardenSharedStateHealthIndicator extends AbstractHealthIndicator {

	private final RedisSharedState state;

	WardenSharedStateHealthIndicator(RedisSharedState state) {
		super("Warden shared state health check failed");
		this.state = state;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("store", "redis");
		Instant lastSync = this.state.lastSync();
		if (lastSync != null) {
			builder.withDetail("lastSync", lastSync.toString());
		}
		if (this.state.isUp()) {
			builder.up();
			return;
		}
		builder.status(new Status(WardenHealthIndicator.DEGRADED.getCode(),
				"The shared store is not answering: this instance works on its local state"));
		Instant since = this.state.downSince();
		if (since != null) {
			builder.withDetail("downSince", since.toString());
		}
		String error = this.state.lastError();
		if (error != null) {
			builder.withDetail("lastError", error);
		}
	}

}
