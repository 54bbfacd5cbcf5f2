package dev.warden.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.jwt.VerifiedTokenCache;
import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WardenJwtAutoConfiguration}: the token pipeline's beans, each replaceable by the
 * application's own, the customizers applied in order, and nothing at all without Nimbus or Spring
 * Security's JOSE support on the classpath.
 */
class WardenJwtAutoConfigurationTest {

	static final TestIssuer issuer = TestIssuer.start();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WardenJwtAutoConfiguration.class))
		.withPropertyValues("warden.issuer=" + issuer.issuer(), "warden.jwks-uri=" + issuer.jwksUri(),
				"warden.audiences=" + TestIssuer.AUDIENCE, "warden.jwks.warm-up=false");

	@AfterAll
	static void stop() {
		issuer.close();
	}

	@Test
	void theDecoderIsWardensPipelineWithACache() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(WardenJwtDecoder.class).hasSingleBean(VerifiedTokenCache.class)
				.hasSingleBean(TrustedIssuers.class);
			assertThat(context.getBean(JwtDecoder.class).decode(issuer.token().sign()).getSubject()).isEqualTo("alice");
		});
	}

	@Test
	void withoutNimbusOrSpringSecurityJoseNothingIsConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader(SignedJWT.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtDecoder.class));
		this.runner.withClassLoader(new FilteredClassLoader(JwtDecoder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WardenJwtDecoder.class));
	}

	@Test
	void theApplicationsOwnDecoderWins() {
		JwtDecoder own = (token) -> {
			throw new UnsupportedOperationException();
		};
		this.runner.withBean(JwtDecoder.class, () -> own).run((context) -> {
			assertThat(context).doesNotHaveBean(WardenJwtDecoder.class).doesNotHaveBean(TrustedIssuers.class);
			assertThat(context.getBean(JwtDecoder.class)).isSameAs(own);
		});
	}

	@Test
	void theCacheCanBeSwitchedOffOrReplaced() {
		this.runner.withPropertyValues("warden.token-cache.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(VerifiedTokenCache.class)
				.hasSingleBean(WardenJwtDecoder.class));
		VerifiedTokenCache own = new VerifiedTokenCache(5, Duration.ofSeconds(60), Clock.systemUTC());
		this.runner.withBean(VerifiedTokenCache.class, () -> own)
			.run((context) -> assertThat(context.getBean(VerifiedTokenCache.class)).isSameAs(own));
	}

	@Test
	void aKeySourceOfTheApplicationsOwnNamedWardenJwkSourceIsUsed() throws Exception {
		JWKSource<SecurityContext> own = new ImmutableJWKSet<>(new JWKSet(issuer.rsaKey().toPublicJWK()));
		this.runner.withPropertyValues("warden.jwks-uri=http://127.0.0.1:1/never-called")
			.withBean("wardenJwkSource", JWKSource.class, () -> own)
			.run((context) -> assertThat(context.getBean(JwtDecoder.class).decode(issuer.token().sign()).getSubject())
				.isEqualTo("alice"));
	}

	@Test
	void anotherKeySourceBeanIsNotTakenForTheIssuersKeys() throws Exception {
		// e.g. the signing keys of an authorization server in the same application
		JWKSource<SecurityContext> other = new ImmutableJWKSet<>(new JWKSet(
				new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(issuer.rsaKey().getKeyID()).generate()));
		this.runner.withBean("jwkSource", JWKSource.class, () -> other)
			.run((context) -> assertThat(context.getBean(JwtDecoder.class).decode(issuer.token().sign()).getSubject())
				.isEqualTo("alice"));
	}

	@Test
	void customizersAndValidatorBeansShapeThePipelineInOrder() {
		AtomicInteger customized = new AtomicInteger();
		OAuth2TokenValidator<Jwt> noBob = (jwt) -> "bob".equals(jwt.getSubject())
				? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Bob is not served here", null))
				: OAuth2TokenValidatorResult.success();
		this.runner
			.withBean(WardenTokenValidatorsCustomizer.class, () -> (validators) -> {
				customized.incrementAndGet();
				validators.add(noBob);
			})
			.run((context) -> {
				assertThat(customized).hasValue(1);
				JwtDecoder decoder = context.getBean(JwtDecoder.class);
				assertThat(decoder.decode(issuer.token().sign()).getSubject()).isEqualTo("alice");
				assertThatExceptionOfType(InvalidTokenException.class)
					.isThrownBy(() -> decoder.decode(issuer.token().subject("bob").sign()))
					.withMessage("Bob is not served here");
			});
	}

	@Test
	void httpClientCustomizersReachTheClientWardenCallsTheIssuerWith() {
		AtomicInteger customized = new AtomicInteger();
		this.runner.withBean(WardenHttpClientCustomizer.class, () -> (builder) -> customized.incrementAndGet())
			.run((context) -> {
				assertThat(context).hasSingleBean(TrustedIssuers.class);
				assertThat(customized).hasValue(1);
			});
	}

	@Test
	void validatorBeansOfTheApplicationRunAfterWardensChecks() {
		this.runner.withUserConfiguration(NoBobValidator.class).run((context) -> {
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			assertThat(decoder.decode(issuer.token().sign()).getSubject()).isEqualTo("alice");
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> decoder.decode(issuer.token().subject("bob").sign()))
				.withMessage("Bob is not served here");
			// Warden's checks first: bob's expired token is told it expired
			assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> decoder.decode(issuer.token().subject("bob").issuedAt(java.time.Instant.now().minusSeconds(900))
					.expiresIn(Duration.ofMinutes(-10)).sign()))
				.withMessage(DecoderOracle.EXPIRED);
		});
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class NoBobValidator {

		@org.springframework.context.annotation.Bean
		OAuth2TokenValidator<Jwt> noBob() {
			return (jwt) -> "bob".equals(jwt.getSubject())
					? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Bob is not served here", null))
					: OAuth2TokenValidatorResult.success();
		}

	}

}
