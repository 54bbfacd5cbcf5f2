package dev.warden.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.warden.internal.WardenExecutors;
import dev.warden.internal.jwt.HttpFetcher;
import dev.warden.internal.jwt.JwkSources;
import dev.warden.internal.jwt.JwksSettings;
import dev.warden.internal.jwt.JwksStatus;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.revocation.PushReceiver;
import dev.warden.internal.revocation.PushReceiverFilter;
import dev.warden.internal.revocation.Revocations;
import dev.warden.internal.revocation.SecurityEventTokenVerifier;
import dev.warden.internal.revocation.SecurityEvents;
import dev.warden.internal.revocation.StreamRegistration;
import dev.warden.jwt.JwksListener;
import dev.warden.revocation.RevocationListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of fleet-wide revocation: the revocation list every token is checked against
 * (always present: operators revoke through {@code /actuator/warden}), and, with
 * {@code warden.revocation.push.enabled}, the RFC 8935 push endpoint that receives Security Event
 * Tokens from the trusted issuers (or a configured transmitter).
 */
@AutoConfiguration(after = WardenJwtAutoConfiguration.class, before = WardenWebSecurityAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
public final class WardenRevocationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Revocations wardenRevocations(WardenProperties properties, ObjectProvider<RevocationListener> listeners,
			WardenExecutors wardenExecutors) {
		Revocations revocations = new Revocations(properties.getRevocation().getMaxEntries(), Clock.systemUTC(),
				CompositeListeners.revocation(listeners));
		// forget entries past their retention even when no token asks
		wardenExecutors.deadlines().scheduleWithFixedDelay(revocations::purgeExpired, 1, 1, TimeUnit.MINUTES);
		return revocations;
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityEvents wardenSecurityEvents(WardenProperties properties, Revocations wardenRevocations,
			ObjectProvider<RevocationListener> listeners, ObjectProvider<TrustedIssuers> trustedIssuers) {
		TrustedIssuers trusted = trustedIssuers.getIfAvailable();
		Set<String> tokenIssuers = (trusted != null)
				? trusted.all().stream().map(TrustedIssuers.Issuer::issuer).collect(Collectors.toSet()) : Set.of();
		return new SecurityEvents(wardenRevocations, properties.getRevocation().getRetention(), Clock.systemUTC(),
				CompositeListeners.revocation(listeners), tokenIssuers);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "warden.revocation.push.enabled")
	@ConditionalOnBean(TrustedIssuers.class)
	PushReceiver wardenPushReceiver(WardenProperties properties, TrustedIssuers wardenTrustedIssuers,
			PushAudiences wardenPushAudiences, SecurityEvents wardenSecurityEvents,
			ObjectProvider<RevocationListener> listeners, ObjectProvider<JwksListener> jwksListeners,
			WardenExecutors wardenExecutors, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<WardenHttpClientCustomizer> customizers) {
		RevocationProperties.Push push = properties.getRevocation().getPush();
		Map<String, JWKSource<SecurityContext>> transmitters = new HashMap<>();
		for (TrustedIssuers.Issuer issuer : wardenTrustedIssuers.all()) {
			transmitters.put(issuer.issuer(), issuer.keys());
		}
		if (push.getIssuer() != null && !push.getIssuer().isBlank()) {
			HttpFetcher fetcher = fetcher(properties, sslBundles, customizers, wardenExecutors);
			transmitters.put(push.getIssuer().trim(), transmitterKeys(properties, push.getJwksUri(), fetcher,
					CompositeListeners.jwks(jwksListeners)));
		}
		// a SET is signed like the tokens: the configured algorithms only
		SecurityEventTokenVerifier verifier = new SecurityEventTokenVerifier(transmitters::get,
				wardenPushAudiences.audiences(),
				new LinkedHashSet<>(WardenPropertiesValidator.algorithms(properties.getAlgorithms())),
				properties.getClockSkew(), Clock.systemUTC());
		String authorization = (push.getAuthorization() != null && !push.getAuthorization().isBlank())
				? push.getAuthorization().trim() : null;
		return new PushReceiver(push.getPath(), verifier, wardenSecurityEvents, authorization,
				(int) push.getMaxSize().toBytes(), properties.getRevocation().getRetention(),
				CompositeListeners.revocation(listeners));
	}

	/**
	 * Keeps the push receiver out of the servlet container's filter chain: it runs inside Warden's
	 * security filter chain only, where its path is exempt from bearer authentication.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.servlet.Filter")
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBooleanProperty(name = "warden.revocation.push.enabled")
	@ConditionalOnBean(TrustedIssuers.class)
	static class ServletPushReceiverConfiguration {

		@Bean
		PushReceiverFilter wardenPushReceiverFilter(PushReceiver wardenPushReceiver) {
			return new PushReceiverFilter(wardenPushReceiver);
		}

		@Bean
		FilterRegistrationBean<PushReceiverFilter> wardenPushReceiverRegistration(
				PushReceiverFilter wardenPushReceiverFilter) {
			FilterRegistrationBean<PushReceiverFilter> registration = new FilterRegistrationBean<>(
					wardenPushReceiverFilter);
			registration.setEnabled(false);
			return registration;
		}

	}

	/**
	 * The {@code aud} values a SET may carry: {@code push.audiences}, else the service's audiences;
	 * plus the audience of a registered stream, learned at runtime.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "warden.revocation.push.enabled")
	@ConditionalOnBean(TrustedIssuers.class)
	PushAudiences wardenPushAudiences(WardenProperties properties, IssuerConfigurations wardenIssuerConfigurations) {
		Set<String> audiences = ConcurrentHashMap.newKeySet();
		properties.getRevocation()
			.getPush()
			.getAudiences()
			.stream()
			.filter((aud) -> aud != null && !aud.isBlank())
			.map(String::trim)
			.forEach(audiences::add);
		if (audiences.isEmpty()) {
			wardenIssuerConfigurations.all().forEach((issuer) -> audiences.addAll(issuer.audiences()));
		}
		return new PushAudiences(audiences);
	}

	/**
	 * The audiences SETs may carry; a registered stream adds its own.
	 *
	 * @param audiences the accepted values, concurrent
	 */
	record PushAudiences(Set<String> audiences) {
	}

	@Bean(destroyMethod = "stop")
	@ConditionalOnProperty(name = { "warden.revocation.push.enabled", "warden.revocation.push.register" },
			havingValue = "true")
	@ConditionalOnBean(TrustedIssuers.class)
	StreamRegistration wardenStreamRegistration(WardenProperties properties, TrustedIssuers wardenTrustedIssuers,
			PushAudiences wardenPushAudiences, WardenExecutors wardenExecutors, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<WardenHttpClientCustomizer> customizers) {
		RevocationProperties.Push push = properties.getRevocation().getPush();
		TrustedIssuers.Issuer transmitter = transmitter(push.getTransmitter(), wardenTrustedIssuers);
		HttpFetcher fetcher = fetcher(properties, sslBundles, customizers, wardenExecutors);
		URI url = push.getPublicUrl();
		String path = url.getRawPath();
		URI endpoint = (path == null || path.isEmpty() || path.equals("/"))
				? URI.create(url.toString().replaceAll("/$", "") + push.getPath()) : url;
		String authorization = (push.getAuthorization() != null && !push.getAuthorization().isBlank())
				? push.getAuthorization().trim() : null;
		StreamRegistration registration = new StreamRegistration(transmitter.issuer(), transmitter.metadata(), fetcher,
				endpoint, push.getClientId(), push.getClientSecret(), push.getScope(), authorization,
				wardenPushAudiences.audiences()::add, wardenExecutors.deadlines(), Clock.systemUTC());
		registration.start();
		return registration;
	}

	/** Fetches for the transmitter (keys, stream configuration): warden.jwks.* limits, the TLS bundle, the customizers. */
	private static HttpFetcher fetcher(WardenProperties properties, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<WardenHttpClientCustomizer> customizers, WardenExecutors executors) {
		JwksProperties jwks = properties.getJwks();
		return new HttpFetcher(jwks.getConnectTimeout(), jwks.getReadTimeout(), jwks.getMaxSize().toBytes(),
				WardenJwtAutoConfiguration.JwtDecoderConfiguration.sslContext(properties, sslBundles),
				WardenJwtAutoConfiguration.JwtDecoderConfiguration.httpClientCustomizer(customizers),
				executors.deadlines());
	}

	private static TrustedIssuers.Issuer transmitter(String name, TrustedIssuers trusted) {
		if (name != null && !name.isBlank()) {
			TrustedIssuers.Issuer named = trusted.named(name.trim());
			if (named == null) {
				throw new InvalidWardenPropertyException("warden.revocation.push.transmitter", name,
						"no trusted issuer has that name.",
						"Set warden.revocation.push.transmitter to the name of a trusted issuer: "
								+ trusted.all().stream().map(TrustedIssuers.Issuer::name).toList() + ".");
			}
			return named;
		}
		TrustedIssuers.Issuer fallback = trusted.named("default");
		if (fallback == null && trusted.all().size() == 1) {
			fallback = trusted.all().get(0);
		}
		if (fallback == null) {
			throw new InvalidWardenPropertyException("warden.revocation.push.transmitter", "",
					"several issuers are trusted and none is named default: which one transmits is not clear.",
					"Set warden.revocation.push.transmitter to the name of the issuer whose stream Warden registers.");
		}
		return fallback;
	}

	/** The keys of a transmitter other than the trusted issuers, cached like an issuer's. */
	private static JWKSource<SecurityContext> transmitterKeys(WardenProperties properties, URI jwksUri,
			HttpFetcher fetcher, JwksListener listener) {
		JwksProperties jwks = properties.getJwks();
		JwksStatus status = new JwksStatus(Clock.systemUTC(), jwks.getCacheTtl(), jwks.getRefreshAhead(),
				jwks.getOutageTolerance());
		return JwkSources.build(jwksUri, null, fetcher,
				new JwksSettings(jwks.getCacheTtl(), jwks.getRefreshAhead(), jwks.getMinRefreshInterval(),
						jwks.getOutageTolerance(), jwks.getConnectTimeout(), jwks.getReadTimeout(),
						jwks.getMaxSize().toBytes()),
				status, JwksListener.of("push:transmitter", listener));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnBooleanProperty(name = "warden.revocation.push.enabled")
	@ConditionalOnBean(TrustedIssuers.class)
	static class PushHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "wardenPushHealthIndicator")
		WardenPushHealthIndicator wardenPushHealthIndicator(SecurityEvents wardenSecurityEvents,
				ObjectProvider<StreamRegistration> registration) {
			return new WardenPushHealthIndicator(wardenSecurityEvents, registration.getIfAvailable());
		}

	}

}
