package dev.warden.internal.jwt;

import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;
import dev.warden.jwt.TokenCacheAdmission;
import dev.warden.jwt.TokenValidationListener;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The verified-token cache is correct, not just fast: hits skip the signature check but not the
 * clock, entries die with their key, and the cache is bounded.
 */
class VerifiedTokenCacheTest {

	private TestIssuer issuer;

	private Pipeline pipeline;

	private final MutableClock clock = new MutableClock(Instant.now());

	private final AtomicInteger fullValidations = new AtomicInteger();

	private final AtomicInteger hits = new AtomicInteger();

	@BeforeEach
	void start() {
		this.issuer = TestIssuer.start();
		this.pipeline = new Pipeline(this.issuer);
		this.pipeline.clock = this.clock;
		this.pipeline.cache = new VerifiedTokenCache(1000, this.pipeline.skew, this.clock);
		this.pipeline.listener = new TokenValidationListener() {
			@Override
			public void accepted(Jwt jwt, boolean cached, long nanos) {
				(cached ? VerifiedTokenCacheTest.this.hits : VerifiedTokenCacheTest.this.fullValidations).incrementAndGet();
			}
		};
	}

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	private String token(Duration lifetime) {
		return this.issuer.token()
			.issuedAt(this.clock.instant())
			.expiresAt(this.clock.instant().plus(lifetime))
			.sign();
	}

	@Test
	void onSecondUseAdmissionATokenIsCachedFromItsSecondValidation() {
		this.pipeline.cache = new VerifiedTokenCache(1000, this.pipeline.skew, this.clock, TokenCacheAdmission.SECOND_USE);
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = token(Duration.ofMinutes(5));
		decoder.decode(token);
		assertThat(this.pipeline.cache.size()).isZero();
		decoder.decode(token);
		decoder.decode(token);
		decoder.decode(token);
		assertThat(this.fullValidations).hasValue(2);
		assertThat(this.hits).hasValue(2);
	}

	@Test
	void onSecondUseAdmissionAFloodOfOneShotTokensDoesNotEvictATokenInUse() {
		this.pipeline.cache = new VerifiedTokenCache(10, this.pipeline.skew, this.clock, TokenCacheAdmission.SECOND_USE);
		WardenJwtDecoder decoder = this.pipeline.build();
		String hot = token(Duration.ofMinutes(5));
		decoder.decode(hot);
		decoder.decode(hot);
		for (int i = 0; i < 200; i++) {
			decoder.decode(token(Duration.ofMinutes(5)));
		}
		this.pipeline.cache.cleanUp();
		assertThat(this.pipeline.cache.size()).isEqualTo(1);
		int hitsBefore = this.hits.get();
		decoder.decode(hot);
		assertThat(this.hits).hasValue(hitsBefore + 1);
	}

	@Test
	void repeatedTokenIsServedFromTheCacheAsTheSameJwt() {
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = token(Duration.ofMinutes(5));
		Jwt first = decoder.decode(token);
		Jwt second = decoder.decode(token);
		assertThat(second).isSameAs(first);
		assertThat(this.fullValidations).hasValue(1);
		assertThat(this.hits).hasValue(1);
	}

	@Test
	void expiryIsCheckedOnEveryHit() {
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = token(Duration.ofMinutes(5));
		decoder.decode(token);
		this.clock.advance(Duration.ofMinutes(5).plus(this.pipeline.skew));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(token))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(TokenRejection.EXPIRED));
	}

	@Test
	void skewAppliesOnAHit() {
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = token(Duration.ofMinutes(5));
		decoder.decode(token);
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(59));
		assertThat(decoder.decode(token)).isNotNull();
		assertThat(this.hits).hasValue(1);
		this.clock.advance(Duration.ofSeconds(1));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(token));
	}

	@Test
	void notYetValidTokenIsNeverCachedAsValid() {
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = this.issuer.token().notBefore(this.clock.instant().plusSeconds(600)).sign();
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(token));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(token));
		assertThat(this.pipeline.cache.size()).isZero();
	}

	@Test
	void entryIsDroppedWhenItsKeyLeavesTheJwks() throws Exception {
		this.pipeline.jwks = new JwksSettings(Duration.ofMillis(400), Duration.ZERO, Duration.ofMillis(100),
				Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 64 * 1024);
		this.pipeline.clock = Clock.systemUTC();
		this.pipeline.cache = new VerifiedTokenCache(1000, this.pipeline.skew, Clock.systemUTC());
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = this.issuer.token().sign();
		decoder.decode(token);
		assertThat(decoder.decode(token)).isNotNull();
		assertThat(this.hits).hasValue(1);
		this.issuer.publish(List.of(new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("new").generate()));
		Thread.sleep(500);
		// the cached token's key is gone: no hit, full validation, unknown key
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(token))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(TokenRejection.UNKNOWN_KEY));
		assertThat(this.hits).hasValue(1);
		assertThat(this.pipeline.cache.size()).isZero();
	}

	@Test
	void cacheIsBounded() {
		this.pipeline.cache = new VerifiedTokenCache(10, this.pipeline.skew, this.clock);
		WardenJwtDecoder decoder = this.pipeline.build();
		for (int i = 0; i < 50; i++) {
			decoder.decode(token(Duration.ofMinutes(5)));
		}
		this.pipeline.cache.cleanUp();
		assertThat(this.pipeline.cache.size()).isLessThanOrEqualTo(10);
	}

	@Test
	void rejectedTokensAreNotCached() {
		WardenJwtDecoder decoder = this.pipeline.build();
		String wrongAudience = this.issuer.token().claim("aud", "billing-api").sign();
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(wrongAudience));
		}
		assertThat(this.pipeline.cache.size()).isZero();
	}

	@Test
	void aTamperedCopyOfACachedTokenIsNotAHit() {
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = token(Duration.ofMinutes(5));
		decoder.decode(token);
		// one character in the middle of the signature (the last one carries padding bits)
		int at = token.length() - 10;
		String tampered = token.substring(0, at) + ((token.charAt(at) == 'A') ? 'B' : 'A') + token.substring(at + 1);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> decoder.decode(tampered))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(TokenRejection.INVALID_SIGNATURE));
	}

	@Test
	void cacheKeyIsTheWholeTokenTextAndHoldsNoSecondCopyOfIt() throws Exception {
		String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLWEtdG9rZW4";
		VerifiedTokenCache.Key key = VerifiedTokenCache.key(token);
		// an equal text in another string is the same key; any other character is another key
		assertThat(key).isEqualTo(VerifiedTokenCache.key(new String(token.toCharArray())))
			.hasSameHashCodeAs(VerifiedTokenCache.key(new String(token.toCharArray())));
		int last = token.length() - 1;
		assertThat(key).isNotEqualTo(VerifiedTokenCache.key(token.substring(0, last) + 'X'))
			.isNotEqualTo(VerifiedTokenCache.key(token + "x"))
			.isNotEqualTo(VerifiedTokenCache.key(token.substring(0, last)));
		// it holds the very string it was made from (the one the cached Jwt holds), nothing else
		for (Field field : VerifiedTokenCache.Key.class.getDeclaredFields()) {
			if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
				continue;
			}
			field.setAccessible(true);
			assertThat(field.get(key)).as(field.getName()).isSameAs(token);
		}
	}

	@Test
	void aCachedTokenIsHeldOnceTheJwtHoldsTheStringItsKeyIsMadeOf() {
		WardenJwtDecoder decoder = this.pipeline.build();
		String token = token(Duration.ofMinutes(5));
		// the decoder builds the Jwt from the very string it was given, which the key is made of:
		// the cache holds the text once, not a copy per key
		assertThat(decoder.decode(token).getTokenValue()).isSameAs(token);
		// a hit answers an equal text in another string, with the cached Jwt
		Jwt hit = decoder.decode(new String(token.toCharArray()));
		assertThat(hit.getTokenValue()).isSameAs(token);
		assertThat(this.hits).hasValue(1);
	}

	/** A clock tests move forward. */
	static final class MutableClock extends Clock {

		private final AtomicReference<Instant> now;

		MutableClock(Instant start) {
			this.now = new AtomicReference<>(start);
		}

		void advance(Duration duration) {
			this.now.updateAndGet((instant) -> instant.plus(duration));
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
			return this.now.get();
		}

	}

}
