package dev.warden.security.adversarial;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;
import dev.warden.security.support.Claims;
import dev.warden.security.support.PipelineBuilder;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Time claims exactly at the skew boundary, to the nanosecond, with a short 5 s skew and a fixed
 * clock, through the real pipeline (JWKS over HTTP). docs/security-model.md, Time claims:
 * {@code exp} refused when {@code now >= exp + skew}; {@code nbf} when {@code now + skew < nbf};
 * {@code iat} when {@code now + skew < iat}. Sources: RFC 7519 §4.1.4-§4.1.6, RFC 8725 §3.10
 * (clock skew), RFC 9068 §4.
 */
class ClaimBoundaryTest {

	private static final long T = 1_900_000_000L;

	private static final Duration SKEW = Duration.ofSeconds(5);

	private TestIssuer issuer;

	@BeforeEach
	void start() {
		this.issuer = TestIssuer.start();
	}

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	private WardenJwtDecoder decoderAt(Instant now) {
		PipelineBuilder pipeline = new PipelineBuilder(this.issuer);
		pipeline.skew = SKEW;
		pipeline.clock = Clock.fixed(now, ZoneOffset.UTC);
		return pipeline.build();
	}

	private String token(String claim, long value, long iat) {
		Claims claims = Claims.valid(this.issuer).raw("iat", Long.toString(iat)).raw("exp", Long.toString(T + 3600));
		return claims.raw(claim, Long.toString(value)).signedBy(this.issuer);
	}

	private static void refused(WardenJwtDecoder decoder, String token, TokenRejection reason) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(token))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	@Test
	void expIsAcceptedOneNanosecondBeforeExpPlusSkewAndRefusedAtIt() {
		String token = token("exp", T, T - 600);
		Instant boundary = Instant.ofEpochSecond(T).plus(SKEW);
		assertThat(decoderAt(boundary.minusNanos(1)).decode(token).getExpiresAt()).isEqualTo(Instant.ofEpochSecond(T));
		refused(decoderAt(boundary), token, TokenRejection.EXPIRED);
		refused(decoderAt(boundary.plusNanos(1)), token, TokenRejection.EXPIRED);
	}

	@Test
	void nbfIsAcceptedAtNowPlusSkewAndRefusedOneNanosecondLater() {
		String token = token("nbf", T, T - 600);
		Instant boundary = Instant.ofEpochSecond(T).minus(SKEW);
		assertThat(decoderAt(boundary).decode(token).getNotBefore()).isEqualTo(Instant.ofEpochSecond(T));
		refused(decoderAt(boundary.minusNanos(1)), token, TokenRejection.NOT_YET_VALID);
	}

	@Test
	void iatIsAcceptedAtNowPlusSkewAndRefusedOneNanosecondLater() {
		String token = token("iat", T, T);
		Instant boundary = Instant.ofEpochSecond(T).minus(SKEW);
		assertThat(decoderAt(boundary).decode(token).getIssuedAt()).isEqualTo(Instant.ofEpochSecond(T));
		refused(decoderAt(boundary.minusNanos(1)), token, TokenRejection.NOT_YET_VALID);
	}

	@Test
	void fractionalExpIsKeptAndCompared() {
		String token = Claims.valid(this.issuer).raw("iat", Long.toString(T - 600)).raw("exp", T + ".5").signedBy(this.issuer);
		Instant exp = Instant.ofEpochSecond(T, 500_000_000);
		assertThat(decoderAt(exp.plus(SKEW).minusNanos(1)).decode(token).getExpiresAt()).isEqualTo(exp);
		refused(decoderAt(exp.plus(SKEW)), token, TokenRejection.EXPIRED);
	}

	@Test
	void expEqualToIatIsRefusedWithoutSkew() {
		String token = Claims.valid(this.issuer).raw("iat", Long.toString(T)).raw("exp", Long.toString(T)).signedBy(this.issuer);
		refused(decoderAt(Instant.ofEpochSecond(T)), token, TokenRejection.MALFORMED);
		String later = Claims.valid(this.issuer).raw("iat", Long.toString(T)).raw("exp", T + ".000001").signedBy(this.issuer);
		assertThat(decoderAt(Instant.ofEpochSecond(T)).decode(later).getSubject()).isEqualTo("alice");
	}

	@Test
	void zeroSkewRefusesAtExactlyExp() {
		PipelineBuilder pipeline = new PipelineBuilder(this.issuer);
		pipeline.skew = Duration.ZERO;
		pipeline.clock = Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC);
		WardenJwtDecoder decoder = pipeline.build();
		refused(decoder, token("exp", T, T - 600), TokenRejection.EXPIRED);
		pipeline.clock = Clock.fixed(Instant.ofEpochSecond(T).minusNanos(1), ZoneOffset.UTC);
		assertThat(pipeline.build().decode(token("exp", T, T - 600)).getSubject()).isEqualTo("alice");
	}

}
