package dev.warden.web;

import dev.warden.internal.webflux.EndpointAuthorizationWebFilter;
import dev.warden.internal.webflux.PushReceiverWebFilter;
import dev.warden.internal.webflux.ResourceMetadataWebFilter;
import dev.warden.internal.webflux.ServerBearerTokenConverter;
import dev.warden.internal.webflux.TokenRequestWebFilter;
import dev.warden.internal.webflux.WardenServerAccessDeniedHandler;
import dev.warden.internal.webflux.WardenServerAuthenticationEntryPoint;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Applies Warden to a Spring Security WebFlux chain in one call, the reactive twin of
 * {@link WardenHttpSecurity}: bearer (and DPoP) tokens from the {@code Authorization} header only,
 * Warden's token pipeline through non-blocking adapters, RFC 6750 answers (503 instead of a 500
 * when the authorization server is unreachable), the RFC 9728 document, the RFC 8935 push endpoint
 * when on, a stateless chain without sessions or CSRF, and the per-endpoint decisions for
 * everything that is not public.
 * <p>
 * Warden's auto-configuration uses it for its own chain. An application that declares its own
 * {@code SecurityWebFilterChain} injects this bean and calls {@link #configure(ServerHttpSecurity)}.
 */
public final class WardenServerHttpSecurity {

	private final ReactiveAuthenticationManager authenticationManager;

	private final ServerBearerTokenConverter tokenConverter;

	private final WardenServerAuthenticationEntryPoint entryPoint;

	private final WardenServerAccessDeniedHandler accessDeniedHandler;

	private final EndpointAuthorizationWebFilter authorization;

	private final TokenRequestWebFilter tokenRequest;

	private final ResourceMetadataWebFilter resourceMetadata;

	private final PushReceiverWebFilter pushReceiver;

	/**
	 * Creates the configurer.
	 * @param authenticationManager authenticates the token (JWTs, and opaque tokens when
	 * introspected)
	 * @param tokenConverter reads the token from exchanges
	 * @param entryPoint answers authentication failures
	 * @param accessDeniedHandler answers refusals
	 * @param authorization decides every exchange that is not public
	 * @param tokenRequest binds each exchange to the token pipeline
	 * @param resourceMetadata serves the RFC 9728 document
	 * @param pushReceiver the RFC 8935 push endpoint, or {@code null} for none
	 */
	public WardenServerHttpSecurity(ReactiveAuthenticationManager authenticationManager,
			ServerBearerTokenConverter tokenConverter, WardenServerAuthenticationEntryPoint entryPoint,
			WardenServerAccessDeniedHandler accessDeniedHandler, EndpointAuthorizationWebFilter authorization,
			TokenRequestWebFilter tokenRequest, ResourceMetadataWebFilter resourceMetadata,
			PushReceiverWebFilter pushReceiver) {
		this.authenticationManager = authenticationManager;
		this.tokenConverter = tokenConverter;
		this.entryPoint = entryPoint;
		this.accessDeniedHandler = accessDeniedHandler;
		this.authorization = authorization;
		this.tokenRequest = tokenRequest;
		this.resourceMetadata = resourceMetadata;
		this.pushReceiver = pushReceiver;
	}

	/**
	 * Applies Warden to a chain.
	 * @param http the chain's builder
	 * @return the same builder
	 */
	public ServerHttpSecurity configure(ServerHttpSecurity http) {
		AuthenticationWebFilter authentication = new AuthenticationWebFilter(this.authenticationManager);
		authentication.setServerAuthenticationConverter(this.tokenConverter);
		ServerAuthenticationEntryPointFailureHandler failureHandler = new ServerAuthenticationEntryPointFailureHandler(
				this.entryPoint);
		// an unreachable authorization server is a 503 from the entry point, not a 500
		failureHandler.setRethrowAuthenticationServiceException(false);
		authentication.setAuthenticationFailureHandler(failureHandler);
		authentication.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(this.entryPoint)
				.accessDeniedHandler(this.accessDeniedHandler))
			.addFilterBefore(this.tokenRequest, SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
			.addFilterAfter(this.resourceMetadata, SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
			.addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
			.addFilterAt(this.authorization, SecurityWebFiltersOrder.AUTHORIZATION);
		if (this.pushReceiver != null) {
			// the transmitter authenticates with the SET's signature (and a shared secret), not a token
			http.addFilterAfter(this.pushReceiver, SecurityWebFiltersOrder.HTTP_HEADERS_WRITER);
		}
		return http;
	}

}
