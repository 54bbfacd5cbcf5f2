package dev.warden.web;

import java.util.List;

import dev.warden.internal.revocation.PushReceiverFilter;
import dev.warden.internal.web.ClientCertificateHeader;
import dev.warden.internal.web.DPoPSchemeShield;
import dev.warden.internal.web.HeaderBearerTokenResolver;
import dev.warden.internal.web.ResourceMetadata;
import dev.warden.internal.web.ResourceMetadataEndpoint;
import dev.warden.internal.web.TokenRequestFilter;
import dev.warden.internal.web.WardenAccessDeniedHandler;
import dev.warden.internal.web.WardenAuthenticationEntryPoint;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.OAuth2ProtectedResourceMetadataFilter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.session.SessionManagementFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Applies Warden to a Spring Security filter chain in one call: bearer tokens from the
 * {@code Authorization} header only, Warden's {@link JwtDecoder}, RFC 6750 answers (including 503
 * instead of Spring's default 500 when the authorization server is unreachable), a stateless chain
 * without sessions or CSRF, public paths, and the authorization rule for everything else.
 * <p>
 * Warden's auto-configuration uses it for its own chain. An application that declares its own
 * {@code SecurityFilterChain} injects this bean and calls {@link #configure(HttpSecurity)};
 * authorization rules it registers before that call take precedence over Warden's.
 */
public final class WardenHttpSecurity {

	private final JwtDecoder jwtDecoder;

	private final Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter;

	private final BearerTokenResolver bearerTokenResolver;

	private final WardenAuthenticationEntryPoint entryPoint;

	private final WardenAccessDeniedHandler accessDeniedHandler;

	private final RequestMatcher publicPaths;

	private final AuthorizationManager<RequestAuthorizationContext> authorization;

	private final AuthenticationManager authenticationManager;

	private final Options options;

	/**
	 * Creates the configurer.
	 * @param jwtDecoder the decoder
	 * @param authenticationConverter turns a decoded token into an authentication
	 * @param bearerTokenResolver reads the token from requests
	 * @param entryPoint answers authentication failures
	 * @param accessDeniedHandler answers authorization failures
	 * @param publicPaths requests that need no token
	 * @param authorization the rule for every other request
	 * @param authenticationManager authenticates bearer tokens when not only JWTs are accepted
	 * (opaque tokens through introspection), or {@code null} for JWTs through the decoder
	 */
	public WardenHttpSecurity(JwtDecoder jwtDecoder,
			Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter,
			BearerTokenResolver bearerTokenResolver, WardenAuthenticationEntryPoint entryPoint,
			WardenAccessDeniedHandler accessDeniedHandler, RequestMatcher publicPaths,
			AuthorizationManager<RequestAuthorizationContext> authorization,
			AuthenticationManager authenticationManager) {
		this(jwtDecoder, authenticationConverter, bearerTokenResolver, entryPoint, accessDeniedHandler, publicPaths,
				authorization, authenticationManager, Options.DEFAULTS);
	}

	/**
	 * Creates the configurer.
	 * @param jwtDecoder the decoder
	 * @param authenticationConverter turns a decoded token into an authentication
	 * @param bearerTokenResolver reads the token from requests
	 * @param entryPoint answers authentication failures
	 * @param accessDeniedHandler answers authorization failures
	 * @param publicPaths requests that need no token
	 * @param authorization the rule for every other request
	 * @param authenticationManager authenticates tokens when not only JWTs are accepted, or
	 * {@code null}
	 * @param options the resource metadata and the trusted client-certificate header
	 */
	public WardenHttpSecurity(JwtDecoder jwtDecoder,
			Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter,
			BearerTokenResolver bearerTokenResolver, WardenAuthenticationEntryPoint entryPoint,
			WardenAccessDeniedHandler accessDeniedHandler, RequestMatcher publicPaths,
			AuthorizationManager<RequestAuthorizationContext> authorization,
			AuthenticationManager authenticationManager, Options options) {
		this.options = options;
		this.jwtDecoder = jwtDecoder;
		this.authenticationConverter = authenticationConverter;
		this.bearerTokenResolver = bearerTokenResolver;
		this.entryPoint = entryPoint;
		this.accessDeniedHandler = accessDeniedHandler;
		this.publicPaths = publicPaths;
		this.authorization = authorization;
		this.authenticationManager = authenticationManager;
	}

	/**
	 * Applies Warden to a chain.
	 * @param http the chain's builder
	 * @return the same builder
	 * @throws Exception as Spring Security's configurers do
	 */
	public HttpSecurity configure(HttpSecurity http) throws Exception {
		AuthenticationEntryPointFailureHandler failureHandler = new AuthenticationEntryPointFailureHandler(
				this.entryPoint);
		failureHandler.setRethrowAuthenticationServiceException(false);
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(this.entryPoint)
				.accessDeniedHandler(this.accessDeniedHandler))
			.addFilterAfter(new TokenRequestFilter((this.options.clientCertificateHeader() != null)
					? new ClientCertificateHeader(this.options.clientCertificateHeader()) : null,
					new ResourceMetadataEndpoint(this.options.resourceMetadata())), HeaderWriterFilter.class)
			.addFilterAfter(DPoPSchemeShield.hide(), BearerTokenAuthenticationFilter.class)
			.addFilterAfter(DPoPSchemeShield.reveal(), AuthenticationFilter.class)
			.oauth2ResourceServer((resourceServer) -> {
				resourceServer.bearerTokenResolver(this.bearerTokenResolver)
					.authenticationEntryPoint(this.entryPoint)
					.accessDeniedHandler(this.accessDeniedHandler)
					.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
						@Override
						public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
							filter.setAuthenticationFailureHandler(failureHandler);
							return filter;
						}
					});
				if (this.authenticationManager != null) {
					resourceServer.authenticationManagerResolver((request) -> this.authenticationManager);
				}
				else {
					resourceServer.jwt((jwt) -> jwt.decoder(this.jwtDecoder)
						.jwtAuthenticationConverter(this.authenticationConverter));
				}
			})
			.authorizeHttpRequests((requests) -> requests.requestMatchers(this.publicPaths)
				.permitAll()
				.requestMatchers(ResourceMetadataEndpoint::isWellKnown)
				.permitAll()
				.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.anyRequest()
				.access(this.authorization));
		if (this.options.pushReceiver() != null) {
			// the transmitter authenticates with the SET's signature (and a shared secret), not a token
			http.addFilterAfter(this.options.pushReceiver(), HeaderWriterFilter.class);
		}
		if (this.bearerTokenResolver instanceof HeaderBearerTokenResolver resolver && resolver.readsDPoP()) {
			http.addFilterBefore(dpopAuthentication(resolver, failureHandler), BearerTokenAuthenticationFilter.class);
		}
		return http;
	}

	/**
	 * Applies Warden to a chain and builds it, without the filters that never act in it: Spring
	 * Security's own DPoP filter (Warden checks DPoP proofs itself) with the two filters that
	 * otherwise shield requests from it; Spring Security's RFC 9728 filter, which Warden's
	 * {@code TokenRequestFilter} always answers before (every path below the well-known prefix);
	 * and the {@link SessionManagementFilter} of a stateless chain (no session strategy, no context
	 * repository: nothing to do). With an observation registry (Actuator), every filter costs each
	 * request its observation events. Warden's auto-configuration builds its chain this way; an
	 * application may too, or call {@link #configure(HttpSecurity)} and build the chain itself,
	 * which answers the same at the cost of five more filters per request.
	 * @param http the chain's builder
	 * @return the chain
	 * @throws Exception as Spring Security's configurers do
	 */
	public SecurityFilterChain build(HttpSecurity http) throws Exception {
		DefaultSecurityFilterChain chain = configure(http).build();
		List<Filter> filters = DPoPSchemeShield.withoutSpringDPoP(chain.getFilters())
			.stream()
			.filter((filter) -> !(filter instanceof OAuth2ProtectedResourceMetadataFilter)
					&& !(filter instanceof SessionManagementFilter))
			.toList();
		return new DefaultSecurityFilterChain(chain.getRequestMatcher(), filters);
	}

	/**
	 * DPoP requests are authenticated by Spring Security's generic {@link AuthenticationFilter}
	 * with Warden's converter and pipeline: the bearer-token filter refuses DPoP-bound tokens, and
	 * Spring Security's own DPoP filter keeps its own replay map and answers.
	 */
	private AuthenticationFilter dpopAuthentication(HeaderBearerTokenResolver resolver,
			AuthenticationEntryPointFailureHandler failureHandler) {
		AuthenticationManager manager = this.authenticationManager;
		if (manager == null) {
			JwtAuthenticationProvider provider = new JwtAuthenticationProvider(this.jwtDecoder);
			provider.setJwtAuthenticationConverter(this.authenticationConverter);
			manager = new ProviderManager(provider);
		}
		AuthenticationFilter filter = new AuthenticationFilter(manager, resolver.dpopConverter());
		filter.setRequestMatcher(resolver::presentsDPoP);
		filter.setFailureHandler(failureHandler);
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		return filter;
	}

	/**
	 * What Warden adds to the chain besides tokens and scopes.
	 *
	 * @param resourceMetadata the RFC 9728 document to serve, or {@code null} to serve none
	 * @param clientCertificateHeader the header in which a trusted TLS-terminating proxy forwards the
	 * client certificate, or {@code null} to trust mutual TLS only
	 * @param pushReceiver the RFC 8935 endpoint receiving pushed Security Event Tokens, or
	 * {@code null} for none
	 */
	public record Options(ResourceMetadata resourceMetadata, String clientCertificateHeader,
			PushReceiverFilter pushReceiver) {

		/** No metadata document, mutual TLS only. */
		public static final Options DEFAULTS = new Options(null, null, null);

		/**
		 * Options without a push endpoint.
		 * @param resourceMetadata the RFC 9728 document, or {@code null}
		 * @param clientCertificateHeader the trusted proxy's certificate header, or {@code null}
		 */
		public Options(ResourceMetadata resourceMetadata, String clientCertificateHeader) {
			this(resourceMetadata, clientCertificateHeader, null);
		}

	}

}
