package dev.warden.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import javax.net.ssl.SSLContext;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.internal.WardenExecutors;
import dev.warden.internal.jwt.DPoPNonces;
import dev.warden.internal.jwt.DPoPSettings;
import dev.warden.internal.jwt.HttpFetcher;
import dev.warden.internal.jwt.InMemoryDPoPReplayCache;
import dev.warden.internal.jwt.IssuerMetadata;
import dev.warden.internal.jwt.JwkSources;
import dev.warden.internal.jwt.JwksSettings;
import dev.warden.internal.jwt.JwksStatus;
import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.internal.jwt.TokenValidationSettings;
import dev.warden.internal.jwt.VerifiedTokenCache;
import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.jwt.DPoPListener;
import dev.warden.jwt.DPoPReplayCache;
import dev.warden.jwt.JwksListener;
import dev.warden.jwt.TokenValidationListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Auto-configuration of Warden's token pipeline: the JWKS source (cached, refreshed ahead,
 * rate-limited, outage-tolerant) and the {@link JwtDecoder}. Backs off when the application
 * declares its own {@link JwtDecoder}. Runs before Spring Boot's resource-server
 * auto-configuration, so only one of them configures the decoder.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnClass({ JwtDecoder.class, SignedJWT.class })
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WardenProperties.class)
@Import(WardenJwtAutoConfiguration.JwtDecoderConfiguration.class)
public final class WardenJwtAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	WardenExecutors wardenExecutors() {
		return new WardenExecutors();
	}

	@Bean
	@ConditionalOnMissingBean
	DPoPReplayCache wardenDPoPReplayCache(WardenProperties properties) {
		return new InMemoryDPoPReplayCache(properties.getDpop().getReplayCacheSize(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	SenderConstraints wardenSenderConstraints(WardenProperties properties, DPoPReplayCache wardenDPoPReplayCache,
			ObjectProvider<DPoPListener> listeners) {
		return SenderConstraints.of(dpopSettings(properties, wardenDPoPReplayCache), CompositeListeners.dpop(listeners));
	}

	static DPoPSettings dpopSettings(WardenProperties properties, DPoPReplayCache replayCache) {
		DpopProperties dpop = properties.getDpop();
		Clock clock = Clock.systemUTC();
		DPoPNonces nonces = null;
		if (dpop.getNonce().isEnabled()) {
			String secret = dpop.getNonce().getSecret();
			nonces = (secret != null && !secret.isEmpty())
					? new DPoPNonces(secret.getBytes(StandardCharsets.UTF_8), dpop.getNonce().getLifetime(), clock)
					: new DPoPNonces(dpop.getNonce().getLifetime(), clock);
		}
		return new DPoPSettings(dpop.isEnabled(), dpop.isRequired(), new LinkedHashSet<>(WardenPropertiesValidator.algorithms(properties.getDpop().getAlgorithms())),
				dpop.getProofMaxAge(), properties.getClockSkew(), (int) properties.getMaxTokenSize().toBytes(), nonces,
				replayCache, clock);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(JwtDecoder.class)
	static class JwtDecoderConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HttpFetcher wardenHttpFetcher(WardenProperties properties, ObjectProvider<SslBundles> sslBundles,
				ObjectProvider<WardenHttpClientCustomizer> customizers, WardenExecutors wardenExecutors) {
			JwksProperties jwks = properties.getJwks();
			return new HttpFetcher(jwks.getConnectTimeout(), jwks.getReadTimeout(), jwks.getMaxSize().toBytes(),
					sslContext(properties, sslBundles), httpClientCustomizer(customizers), wardenExecutors.deadlines());
		}

		static java.util.function.Consumer<java.net.http.HttpClient.Builder> httpClientCustomizer(
				ObjectProvider<WardenHttpClientCustomizer> customizers) {
			return (builder) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		}

		static SSLContext sslContext(WardenProperties properties, ObjectProvider<SslBundles> sslBundles) {
			String name = properties.getSslBundle();
			if (name == null || name.isBlank()) {
				return null;
			}
			SslBundles bundles = sslBundles.getIfAvailable();
			try {
				if (bundles == null) {
					throw new NoSuchSslBundleException(name, "No SSL bundles are configured");
				}
				return bundles.getBundle(name).createSslContext();
			}
			catch (NoSuchSslBundleException ex) {
				throw new InvalidWardenPropertyException("warden.ssl-bundle", name, "no SSL bundle of that name exists.",
						"Define the bundle under spring.ssl.bundle (e.g. spring.ssl.bundle.pem." + name
								+ ".truststore.certificate=...) or correct warden.ssl-bundle.");
			}
		}

		@Bean
		@ConditionalOnMissingBean
		IssuerMetadata wardenIssuerMetadata(WardenProperties properties, HttpFetcher wardenHttpFetcher) {
			WardenPropertiesValidator.requireIssuer(properties);
			return new IssuerMetadata(properties.getIssuer(), wardenHttpFetcher);
		}

		@Bean
		@ConditionalOnMissingBean
		JwksStatus wardenJwksStatus(WardenProperties properties) {
			JwksProperties jwks = properties.getJwks();
			return new JwksStatus(Clock.systemUTC(), jwks.getCacheTtl(), jwks.getRefreshAhead(), jwks.getOutageTolerance());
		}

		@Bean
		@ConditionalOnMissingBean
		JWKSource<SecurityContext> wardenJwkSource(WardenProperties properties, IssuerMetadata wardenIssuerMetadata,
				HttpFetcher wardenHttpFetcher, JwksStatus wardenJwksStatus, ObjectProvider<JwksListener> listeners) {
			JwksProperties jwks = properties.getJwks();
			JwksSettings settings = new JwksSettings(jwks.getCacheTtl(), jwks.getRefreshAhead(),
					jwks.getMinRefreshInterval(), jwks.getOutageTolerance(), jwks.getConnectTimeout(),
					jwks.getReadTimeout(), jwks.getMaxSize().toBytes());
			return JwkSources.build(properties.getJwksUri(), wardenIssuerMetadata, wardenHttpFetcher, settings,
					wardenJwksStatus, CompositeListeners.jwks(listeners));
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "warden.token-cache.enabled", matchIfMissing = true)
		VerifiedTokenCache wardenVerifiedTokenCache(WardenProperties properties) {
			return new VerifiedTokenCache(properties.getTokenCache().getMaxEntries(), properties.getClockSkew(),
					Clock.systemUTC());
		}

		@Bean
		WardenJwtDecoder jwtDecoder(WardenProperties properties, JWKSource<SecurityContext> wardenJwkSource,
				JwksStatus wardenJwksStatus, ObjectProvider<VerifiedTokenCache> wardenVerifiedTokenCache,
				ObjectProvider<TokenValidationListener> listeners, SenderConstraints wardenSenderConstraints,
				ObjectProvider<OAuth2TokenValidator<Jwt>> validators,
				ObjectProvider<WardenTokenValidatorsCustomizer> customizers) {
			WardenPropertiesValidator.requireIssuer(properties);
			TokenValidationSettings settings = new TokenValidationSettings(properties.getIssuer(),
					audiences(properties), properties.getClockSkew(),
					new LinkedHashSet<>(WardenPropertiesValidator.algorithms(properties.getAlgorithms())), properties.isStrictRfc9068(),
					(int) properties.getMaxTokenSize().toBytes(), Clock.systemUTC());
			List<OAuth2TokenValidator<Jwt>> applications = new ArrayList<>(validators.orderedStream().toList());
			customizers.orderedStream().forEach((customizer) -> customizer.customize(applications));
			return WardenJwtDecoder.builder(properties.getIssuer(), wardenJwkSource, wardenJwksStatus)
				.settings(settings)
				.cache(wardenVerifiedTokenCache.getIfAvailable())
				.listener(CompositeListeners.validation(listeners))
				.senderConstraints(wardenSenderConstraints)
				.validators(applications)
				.build();
		}

		static java.util.Set<String> audiences(WardenProperties properties) {
			java.util.Set<String> audiences = new LinkedHashSet<>();
			for (String audience : properties.getAudiences()) {
				if (audience != null && !audience.isBlank()) {
					audiences.add(audience.trim());
				}
			}
			return audiences;
		}

		@Bean
		@ConditionalOnBooleanProperty(name = "warden.jwks.warm-up", matchIfMissing = true)
		JwksWarmUp wardenJwksWarmUp(JWKSource<SecurityContext> wardenJwkSource, WardenExecutors wardenExecutors) {
			return new JwksWarmUp(wardenJwkSource, wardenExecutors.calls());
		}

	}

}
