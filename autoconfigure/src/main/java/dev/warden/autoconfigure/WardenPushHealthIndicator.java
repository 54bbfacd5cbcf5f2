package dev.warden.autoconfigure;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.internal.revocation.SecurityEvents;
import dev.warden.internal.revocation.StreamRegistration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health contributor {@code wardenPush}, with the push endpoint on: when the transmitter last
 * verified the stream, and (with {@code push.register}) where the stream registration stands — UP
 * once registered, DEGRADED (HTTP 200) while the transmitter cannot be reached and Warden retries.
 */
class WardenPushHealthIndicator extends AbstractHealthIndicator {

	private final SecurityEvents events;

	private final StreamRegistration registration;

	WardenPushHealthIndicator(SecurityEvents events, StreamRegistration registration) {
		super("Warden push receiver health check failed");
		this.events = events;
		this.registration = registration;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant verified = this.events.lastVerification();
		builder.withDetail("lastVerification", (verified != null) ? verified.toString() : "none yet");
		if (this.registration == null) {
			builder.up();
			return;
		}
		StreamRegistration.Status status = this.registration.status();
		Map<String, Object> stream = new LinkedHashMap<>();
		stream.put("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
		if (status.streamId() != null) {
			stream.put("streamId", status.streamId());
			stream.put("audience", status.audiences());
		}
		stream.put("attempts", status.attempts());
		if (status.lastError() != null) {
			stream.put("lastError", status.lastError());
		}
		if (status.nextAttempt() != null) {
			stream.put("nextAttempt", status.nextAttempt().toString());
		}
		builder.withDetail("stream", stream);
		if (status.state() == StreamRegistration.State.REGISTERED) {
			builder.up();
		}
		else {
			builder.status(new Status(WardenHealthIndicator.DEGRADED.getCode(),
					"The push stream is not registered yet: Warden retries with backoff"));
		}
	}

}
