package dev.warden.autoconfigure;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.SSLContext;

import dev.warden.internal.Scopes;
import dev.warden.internal.WardenExecutors;
import dev.warden.internal.introspection.IntrospectingJwtDecoder;
import dev.warden.internal.introspection.IntrospectionClient;
import dev.warden.internal.introspection.IntrospectionOpaqueTokenIntrospector;
import dev.warden.internal.introspection.IntrospectionSettings;
import dev.warden.internal.introspection.RevocationChecker;
import dev.warden.internal.introspection.TokenIntrospector;
import dev.warden.internal.jwt.HttpFetcher;
import dev.warden.internal.jwt.IssuerMetadata;
import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.internal.scope.ScopeClaims;
import dev.warden.introspection.IntrospectionListener;
import dev.warden.introspection.IntrospectionUnavailableException;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.scope.LiveTokenCheck;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Auto-configuration of live token checks (RFC 7662 introspection): configured when
 * {@code warden.introspection.client-id} is set. {@code warden.introspection.enabled} then checks
 * every request; otherwise only endpoints annotated with {@code @RequireLiveCheck} are checked.
 */
@AutoConfiguration(after = WardenJwtAutoConfiguration.class,
		before = { WardenScopeAutoConfiguration.class, WardenWebSecurityAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "warden.introspection.client-id")
public final class WardenIntrospectionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RevocationChecker wardenRevocationChecker(WardenProperties properties, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<IssuerMetadata> issuerMetadata, ObjectProvider<IntrospectionListener> listeners,
			ObjectProvider<WardenHttpClientCustomizer> customizers, WardenExecutors wardenExecutors) {
		IntrospectionListener listener = CompositeListeners.introspection(listeners);
		WardenPropertiesValidator.requireIssuer(properties);
		IntrospectionProperties config = properties.getIntrospection();
		SSLContext sslContext = WardenJwtAutoConfiguration.JwtDecoderConfiguration.sslContext(properties, sslBundles);
		HttpFetcher fetcher = new HttpFetcher(config.getConnectTimeout(), config.getReadTimeout(),
				config.getMaxResponseSize().toBytes(), sslContext,
				WardenJwtAutoConfiguration.JwtDecoderConfiguration.httpClientCustomizer(customizers),
				wardenExecutors.deadlines());
		IssuerMetadata metadata = issuerMetadata.getIfAvailable(() -> new IssuerMetadata(properties.getIssuer(),
				new HttpFetcher(config.getConnectTimeout(), config.getReadTimeout(),
						properties.getJwks().getMaxSize().toBytes(), sslContext,
						WardenJwtAutoConfiguration.JwtDecoderConfiguration.httpClientCustomizer(customizers),
						wardenExecutors.deadlines())));
		IntrospectionSettings settings = new IntrospectionSettings(config.getUri(), config.getClientId(),
				config.getClientSecret(), config.getClientAuthentication(), config.getCacheTtl(),
				config.getMaxEntries(), config.getMaxConcurrentCalls(), config.getOnFailure(), properties.getIssuer(),
				WardenJwtAutoConfiguration.JwtDecoderConfiguration.audiences(properties), properties.getClockSkew(),
				Clock.systemUTC());
		TokenIntrospector introspector = new TokenIntrospector(new IntrospectionClient(settings, fetcher, metadata),
				settings, listener, wardenExecutors.calls());
		return new RevocationChecker(introspector, config.getOnFailure(), listener);
	}

	@Bean
	@ConditionalOnMissingBean
	LiveTokenCheck wardenLiveTokenCheck(RevocationChecker checker, SenderConstraints senderConstraints) {
		return new IntrospectionLiveTokenCheck(checker, senderConstraints);
	}

	/** Warden's own live check: redundant when every request is already introspected. */
	static final class IntrospectionLiveTokenCheck implements LiveTokenCheck {

		private final RevocationChecker checker;

		private final SenderConstraints senderConstraints;

		IntrospectionLiveTokenCheck(RevocationChecker checker, SenderConstraints senderConstraints) {
			this.checker = checker;
			this.senderConstraints = senderConstraints;
		}

		@Override
		public void verify(org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken<?> authentication) {
			String token = authentication.getToken().getTokenValue();
			RevocationChecker.Checked checked = this.checker.checkWithClaims(token,
					authentication.getToken().getExpiresAt());
			switch (checked.verdict()) {
				case ACTIVE -> {
					try {
						IntrospectingJwtDecoder.verifyBinding(this.senderConstraints, token,
								authentication.getTokenAttributes().get("cnf"), checked.result());
					}
					catch (InvalidTokenException ex) {
						throw new InvalidBearerTokenException(ex.getMessage(), ex);
					}
					catch (org.springframework.security.oauth2.jwt.JwtException ex) {
						throw new AuthenticationServiceException(ex.getMessage(), ex);
					}
				}
				case INACTIVE -> throw new InvalidBearerTokenException("The access token is not active");
				case UNAVAILABLE -> throw new AuthenticationServiceException("The introspection endpoint is unavailable",
						new IntrospectionUnavailableException("The introspection endpoint is unavailable"));
				default -> {
				}
			}
		}

	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("warden.introspection.accept-opaque-tokens")
	IntrospectionOpaqueTokenIntrospector wardenOpaqueTokenIntrospector(RevocationChecker checker,
			WardenProperties properties, SenderConstraints senderConstraints) {
		ScopeClaims scopeClaims = new ScopeClaims(properties.getScopes().getClaims(),
				properties.getScopes().getDelimiters());
		return new IntrospectionOpaqueTokenIntrospector(checker, (claims) -> authorities(scopeClaims, claims),
				senderConstraints);
	}

	private static Collection<GrantedAuthority> authorities(ScopeClaims scopeClaims, Map<String, Object> claims) {
		return Scopes.authorities(scopeClaims.scopes(claims));
	}

}
