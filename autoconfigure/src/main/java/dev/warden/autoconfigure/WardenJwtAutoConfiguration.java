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
import dev.warden.internal.jwt.IssuerRoutingJwtDecoder;
import dev.warden.internal.jwt.JwkSources;
import dev.warden.internal.jwt.JwksSettings;
import dev.warden.internal.jwt.JwksStatus;
import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.internal.jwt.TokenValidationSettings;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.jwt.VerifiedTokenCache;
import dev.warden.internal.jwt.WardenJwtDecoder;
import dev.warden.jwt.DPoPListener;
import dev.warden.jwt.DPoPReplayCache;
import dev.warden.jwt.JwksListener;
import dev.warden.jwt.TokenValidationListener;

import org.springframework.beans.factory.BeanFactory;
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
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
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

	@Bean
	@Lazy
	IssuerConfigurations wardenIssuerConfigurations(WardenProperties properties, Environment environment) {
		return IssuerConfigurations.resolve(properties, environment);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(JwtDecoder.class)
	static class JwtDecoderConfiguration {

		/** The name of a key source bean of the application's own for the issuer named {@code default}. */
		static final String OWN_KEYS = "wardenJwkSource";

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
		@ConditionalOnBooleanProperty(name = "warden.token-cache.enabled", matchIfMissing = true)
		VerifiedTokenCache wardenVerifiedTokenCache(WardenProperties properties) {
			return new VerifiedTokenCache(properties.getTokenCache().getMaxEntries(), properties.getClockSkew(),
					Clock.systemUTC(), properties.getTokenCache().getAdmission());
		}

		/**
		 * Each trusted issuer's own pipeline: fetcher, metadata, key set with its cache, rate
		 * limit and outage tolerance, and decoder. A key source of the application's own (a bean
		 * named {@value #OWN_KEYS}) serves the issuer named {@code default}.
		 */
		@Bean
		TrustedIssuers wardenTrustedIssuers(WardenProperties properties, IssuerConfigurations wardenIssuerConfigurations,
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<WardenHttpClientCustomizer> customizers,
				WardenExecutors wardenExecutors, ObjectProvider<JwksListener> jwksListeners,
				ObjectProvider<TokenValidationListener> listeners, ObjectProvider<VerifiedTokenCache> tokenCache,
				SenderConstraints wardenSenderConstraints, ObjectProvider<OAuth2TokenValidator<Jwt>> validators,
				ObjectProvider<WardenTokenValidatorsCustomizer> validatorCustomizers,
				BeanFactory beanFactory) {
			SSLContext sslContext = sslContext(properties, sslBundles);
			JwksListener jwksListener = CompositeListeners.jwks(jwksListeners);
			TokenValidationListener listener = CompositeListeners.validation(listeners);
			List<OAuth2TokenValidator<Jwt>> applications = new ArrayList<>(validators.orderedStream().toList());
			validatorCustomizers.orderedStream().forEach((customizer) -> customizer.customize(applications));
			List<TrustedIssuers.Issuer> issuers = new ArrayList<>();
			for (IssuerConfigurations.Issuer config : wardenIssuerConfigurations.all()) {
				JwksProperties jwks = config.jwks();
				HttpFetcher fetcher = new HttpFetcher(jwks.getConnectTimeout(), jwks.getReadTimeout(),
						jwks.getMaxSize().toBytes(), sslContext, httpClientCustomizer(customizers),
						wardenExecutors.deadlines());
				IssuerMetadata metadata = new IssuerMetadata(config.issuer(), fetcher);
				JwksStatus status = new JwksStatus(Clock.systemUTC(), jwks.getCacheTtl(), jwks.getRefreshAhead(),
						jwks.getOutageTolerance());
				JWKSource<SecurityContext> own = WardenJwtDecoder.DEFAULT_ISSUER.equals(config.name())
						? ownKeys(beanFactory) : null;
				JWKSource<SecurityContext> keys = (own != null) ? own
						: JwkSources.build(config.jwksUri(), metadata, fetcher,
								new JwksSettings(jwks.getCacheTtl(), jwks.getRefreshAhead(), jwks.getMinRefreshInterval(),
										jwks.getOutageTolerance(), jwks.getConnectTimeout(), jwks.getReadTimeout(),
										jwks.getMaxSize().toBytes()),
								status, JwksListener.of(config.name(), jwksListener));
				TokenValidationSettings settings = new TokenValidationSettings(config.issuer(), config.audiences(),
						config.clockSkew(), new LinkedHashSet<>(config.algorithms()), properties.isStrictRfc9068(),
						(int) properties.getMaxTokenSize().toBytes(), Clock.systemUTC());
				WardenJwtDecoder decoder = WardenJwtDecoder.builder(config.issuer(), keys, status)
					.name(config.name())
					.settings(settings)
					.cache(tokenCache.getIfAvailable())
					.listener(listener)
					.senderConstraints(wardenSenderConstraints)
					.validators(applications)
					.build();
				issuers.add(new TrustedIssuers.Issuer(config.name(), config.issuer(), status, metadata, decoder, keys));
			}
			return new TrustedIssuers(issuers);
		}

		/**
		 * The application's own key source for the issuer named {@code default}: a bean named
		 * {@value #OWN_KEYS}. Only by that name: another {@link JWKSource} bean (the signing keys
		 * of an authorization server in the same application) is never taken for an issuer's keys.
		 */
		@SuppressWarnings("unchecked")
		private static JWKSource<SecurityContext> ownKeys(BeanFactory beanFactory) {
			return beanFactory.containsBean(OWN_KEYS) ? beanFactory.getBean(OWN_KEYS, JWKSource.class) : null;
		}

		@Bean
		JwtDecoder jwtDecoder(TrustedIssuers wardenTrustedIssuers) {
			List<TrustedIssuers.Issuer> issuers = wardenTrustedIssuers.all();
			return (issuers.size() == 1) ? issuers.get(0).decoder() : new IssuerRoutingJwtDecoder(wardenTrustedIssuers);
		}

		@Bean
		JwksWarmUp wardenJwksWarmUp(TrustedIssuers wardenTrustedIssuers, WardenExecutors wardenExecutors,
				IssuerConfigurations wardenIssuerConfigurations) {
			// each issuer's own jwks.warm-up, else warden.jwks.warm-up
			java.util.Set<String> warm = new java.util.HashSet<>();
			wardenIssuerConfigurations.all()
				.stream()
				.filter((issuer) -> issuer.jwks().isWarmUp())
				.forEach((issuer) -> warm.add(issuer.name()));
			return new JwksWarmUp(wardenTrustedIssuers, wardenExecutors.calls(), warm::contains);
		}

	}

	/**
	 * Whether a decoder is Warden's own pipeline (one issuer or several), which checks DPoP proofs
	 * and certificate bindings.
	 * @param decoder the application's decoder bean
	 * @return whether it is Warden's
	 */
	static boolean isWardens(JwtDecoder decoder) {
		return decoder instanceof WardenJwtDecoder || decoder instanceof IssuerRoutingJwtDecoder;
	}

}
