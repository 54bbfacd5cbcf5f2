package dev.warden.internal.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Stateless nonces: accepted in their window and the next, by any holder of the secret, and by no one else. */
class DPoPNoncesTest {

	private static final byte[] SECRET = "a-secret-the-instances-share-0123456789".getBytes(StandardCharsets.UTF_8);

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T12:00:00Z"));

	private final DPoPNonces nonces = new DPoPNonces(SECRET, Duration.ofMinutes(5), this.clock);

	@Test
	void aNonceIsValidInItsWindowAndTheNextThenNoMore() {
		String nonce = this.nonces.current();
		assertThat(this.nonces.isValid(nonce)).isTrue();
		assertThat(this.nonces.isStale(nonce)).isFalse();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.nonces.isValid(nonce)).isTrue();
		assertThat(this.nonces.isStale(nonce)).as("a newer nonce is handed out").isTrue();
		assertThat(this.nonces.current()).isNotEqualTo(nonce);
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.nonces.isValid(nonce)).isFalse();
	}

	@Test
	void anotherInstanceWithTheSameSecretAcceptsItAndOneWithoutDoesNot() {
		String nonce = this.nonces.current();
		assertThat(new DPoPNonces(SECRET, Duration.ofMinutes(5), this.clock).isValid(nonce)).isTrue();
		assertThat(new DPoPNonces(Duration.ofMinutes(5), this.clock).isValid(nonce)).isFalse();
	}

	@Test
	void forgedOrMalformedNoncesAreInvalid() {
		String nonce = this.nonces.current();
		char last = nonce.charAt(nonce.length() - 1);
		assertThat(this.nonces.isValid(nonce.substring(0, nonce.length() - 1) + ((last == 'A') ? 'B' : 'A'))).isFalse();
		assertThat(this.nonces.isValid("")).isFalse();
		assertThat(this.nonces.isValid("%%%")).isFalse();
		assertThat(this.nonces.isValid(nonce + "AAAA")).isFalse();
	}

	static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
