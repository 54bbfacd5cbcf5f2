package dev.warden.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

import dev.warden.internal.Scopes;
import dev.warden.internal.WardenExecutors;
import dev.warden.internal.introspection.IntrospectingJwtDecoder;
import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.introspection.IntrospectionClient;
import dev.warden.internal.introspection.IntrospectionOpaqueTokenIntrospector;
import dev.warden.internal.introspection.IntrospectionSettings;
import dev.warden.internal.introspection.RevocationChecker;
import dev.warden.internal.introspection.TokenIntrospector;
import dev.warden.internal.jwt.HttpFetcher;
import dev.warden.internal.jwt.IssuerMetadata;
import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.internal.scope.ScopeClaims;
import dev.warden.introspection.IntrospectionListener;
import dev.warden.introspection.IntrospectionUnavailableException;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRequest;
import dev.warden.scope.LiveTokenCheck;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Auto-configuration of live token checks (RFC 7662 introspection), for each trusted issuer whose
 * {@code introspection.client-id} is set ({@code warden.introspection.*}, or per issuer under
 * {@code warden.issuers.<name>.introspection.*}): a token is checked at the authorization server
 * that issued it. {@code introspection.enabled} checks every request with that issuer's tokens;
 * otherwise only endpoints annotated with {@code @RequireLiveCheck} are checked.
 */
@AutoConfiguration(after = WardenJwtAutoConfiguration.class,
		before = { WardenScopeAutoConfiguration.class, WardenWebSecurityAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
@Conditional(OnIntrospectionClientCondition.class)
public final class WardenIntrospectionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IntrospectionCheckers wardenIntrospectionCheckers(WardenProperties properties,
			IssuerConfigurations wardenIssuerConfigurations, ObjectProvider<TrustedIssuers> trustedIssuers,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<IntrospectionListener> listeners,
			ObjectProvider<WardenHttpClientCustomizer> customizers, WardenExecutors wardenExecutors) {
		IntrospectionListener listener = CompositeListeners.introspection(listeners);
		SSLContext sslContext = WardenJwtAutoConfiguration.JwtDecoderConfiguration.sslContext(properties, sslBundles);
		TrustedIssuers trusted = trustedIssuers.getIfAvailable();
		List<IntrospectionCheckers.Checker> checkers = new ArrayList<>();
		for (IssuerConfigurations.Issuer issuer : wardenIssuerConfigurations.all()) {
			if (!issuer.introspects()) {
				continue;
			}
			IntrospectionProperties config = issuer.introspection();
			HttpFetcher fetcher = new HttpFetcher(config.getConnectTimeout(), config.getReadTimeout(),
					config.getMaxResponseSize().toBytes(), sslContext,
					WardenJwtAutoConfiguration.JwtDecoderConfiguration.httpClientCustomizer(customizers),
					wardenExecutors.deadlines());
			TrustedIssuers.Issuer known = (trusted != null) ? trusted.named(issuer.name()) : null;
			IssuerMetadata metadata = (known != null) ? known.metadata() : new IssuerMetadata(issuer.issuer(), fetcher);
			IntrospectionSettings settings = new IntrospectionSettings(config.getUri(), config.getClientId(),
					config.getClientSecret(), config.getClientAuthentication(), config.getCacheTtl(),
					config.getMaxEntries(), config.getMaxConcurrentCalls(), config.getOnFailure(), issuer.issuer(),
					issuer.audiences(), issuer.clockSkew(), Clock.systemUTC());
			IntrospectionListener named = IntrospectionListener.of(issuer.name(), listener);
			TokenIntrospector introspector = new TokenIntrospector(new IntrospectionClient(settings, fetcher, metadata),
					settings, named, wardenExecutors.calls());
			checkers.add(new IntrospectionCheckers.Checker(issuer.name(), issuer.issuer(),
					new RevocationChecker(introspector, config.getOnFailure(), named, issuer.prefix() + ".introspection"),
					config.isEnabled(),
					config.isAcceptOpaqueTokens()));
		}
		return new IntrospectionCheckers(checkers);
	}

	@Bean
	@ConditionalOnMissingBean
	LiveTokenCheck wardenLiveTokenCheck(IntrospectionCheckers checkers, SenderConstraints senderConstraints) {
		return new IntrospectionLiveTokenCheck(checkers, senderConstraints);
	}

	/** Warden's own live check, at the issuer of the token; redundant where every request is already checked. */
	static final class IntrospectionLiveTokenCheck implements LiveTokenCheck {

		private final IntrospectionCheckers checkers;

		private final SenderConstraints senderConstraints;

		IntrospectionLiveTokenCheck(IntrospectionCheckers checkers, SenderConstraints senderConstraints) {
			this.checkers = checkers;
			this.senderConstraints = senderConstraints;
		}

		/** Whether tokens of this authentication's issuer are already checked on every request. */
		boolean checkedOnEveryRequest(AbstractOAuth2TokenAuthenticationToken<?> authentication) {
			IntrospectionCheckers.Checker checker = checkerFor(authentication);
			return checker != null && checker.everyRequest();
		}

		private IntrospectionCheckers.Checker checkerFor(AbstractOAuth2TokenAuthenticationToken<?> authentication) {
			Object iss = authentication.getTokenAttributes().get("iss");
			// a token naming its issuer is checked there or nowhere; only a token without iss (an
			// opaque token's answer may omit it) goes to the issuer that introspects opaque tokens
			return (iss != null) ? this.checkers.forIssuer(iss.toString()) : this.checkers.opaqueTokens();
		}

		@Override
		public boolean canCheck(AbstractOAuth2TokenAuthenticationToken<?> authentication) {
			return checkerFor(authentication) != null;
		}

		@Override
		public void verify(AbstractOAuth2TokenAuthenticationToken<?> authentication) {
			IntrospectionCheckers.Checker checker = checkerFor(authentication);
			if (checker == null) {
				// no introspection client for this token's issuer: the check cannot be made
				throw new AuthenticationServiceException("No introspection client for the token's issuer",
						new IntrospectionUnavailableException("No introspection client for the token's issuer"));
			}
			if (checker.everyRequest()) {
				return;
			}
			String token = authentication.getToken().getTokenValue();
			afterCheck(checker.checker().checkWithClaims(token, authentication.getToken().getExpiresAt()), token,
					authentication);
		}

		/**
		 * The live check without waiting, for the reactive stack: completes when the introspector
		 * answers (at once from its cache), exceptionally with the exceptions {@link #verify} throws.
		 * @param authentication the authenticated request's token
		 * @param request the request, bound while an answer's binding is checked
		 * @return the check
		 */
		CompletableFuture<Void> verifyAsync(AbstractOAuth2TokenAuthenticationToken<?> authentication,
				TokenRequest request) {
			IntrospectionCheckers.Checker checker = checkerFor(authentication);
			if (checker == null || checker.everyRequest()) {
				return CompletableFuture.runAsync(() -> verify(authentication), Runnable::run);
			}
			String token = authentication.getToken().getTokenValue();
			return checker.checker()
				.checkAsync(token, authentication.getToken().getExpiresAt(), true)
				.thenAccept((checked) -> TokenRequest.with(request, () -> {
					afterCheck(checked, token, authentication);
					return null;
				}));
		}

		private void afterCheck(RevocationChecker.Checked checked, String token,
				AbstractOAuth2TokenAuthenticationToken<?> authentication) {
			switch (checked.verdict()) {
				case ACTIVE -> {
					try {
						IntrospectingJwtDecoder.verifyBinding(this.senderConstraints, token,
								authentication.getTokenAttributes().get("cnf"), checked.result());
					}
					catch (InvalidTokenException ex) {
						throw new InvalidBearerTokenException(ex.getMessage(), ex);
					}
					catch (JwtException ex) {
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
	@Conditional(OnIntrospectionClientCondition.OpaqueTokens.class)
	IntrospectionOpaqueTokenIntrospector wardenOpaqueTokenIntrospector(IntrospectionCheckers checkers,
			IssuerConfigurations wardenIssuerConfigurations, SenderConstraints senderConstraints) {
		IssuerConfigurations.Issuer issuer = wardenIssuerConfigurations.opaqueTokens();
		ScopeClaims scopeClaims = new ScopeClaims(issuer.scopeClaims(), issuer.scopeDelimiters());
		return new IntrospectionOpaqueTokenIntrospector(checkers.opaqueTokens().checker(),
				(claims) -> authorities(scopeClaims, claims), senderConstraints);
	}

	private static Collection<GrantedAuthority> authorities(ScopeClaims scopeClaims, Map<String, Object> claims) {
		return Scopes.authorities(scopeClaims.scopes(claims));
	}

}
