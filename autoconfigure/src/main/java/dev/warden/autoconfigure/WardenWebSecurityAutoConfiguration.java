package dev.warden.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.warden.scope.ScopeClaims;
import dev.warden.scope.WardenJwtAuthenticationConverter;
import dev.warden.web.HeaderBearerTokenResolver;
import dev.warden.web.WardenAccessDeniedHandler;
import dev.warden.web.WardenAuthenticationEntryPoint;
import dev.warden.web.WardenHttpSecurity;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Auto-configuration of Warden's servlet security: the bearer token resolver, RFC 6750 answers,
 * and a stateless {@link SecurityFilterChain}. The chain backs off when the application declares
 * its own; the application can then apply Warden to it with {@link WardenHttpSecurity}. Runs
 * before Spring Boot's web security and resource-server auto-configurations, so only one chain is
 * configured.
 */
@AutoConfiguration(after = WardenJwtAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, BearerTokenAuthenticationFilter.class })
@ConditionalOnBooleanProperty(name = "warden.enabled", matchIfMissing = true)
@ConditionalOnBean(JwtDecoder.class)
public final class WardenWebSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WardenJwtAuthenticationConverter wardenJwtAuthenticationConverter() {
		return new WardenJwtAuthenticationConverter(ScopeClaims.standard());
	}

	@Bean
	@ConditionalOnMissingBean
	WardenAuthenticationEntryPoint wardenAuthenticationEntryPoint(WardenProperties properties) {
		return new WardenAuthenticationEntryPoint(properties.getJwks().getMinRefreshInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	WardenAccessDeniedHandler wardenAccessDeniedHandler() {
		return new WardenAccessDeniedHandler();
	}

	@Bean
	WardenHttpSecurity wardenHttpSecurity(WardenProperties properties, JwtDecoder jwtDecoder,
			WardenJwtAuthenticationConverter wardenJwtAuthenticationConverter,
			WardenAuthenticationEntryPoint wardenAuthenticationEntryPoint,
			WardenAccessDeniedHandler wardenAccessDeniedHandler) {
		RequestMatcher publicPaths = publicPaths(properties.getPublicPaths());
		HeaderBearerTokenResolver resolver = new HeaderBearerTokenResolver(publicPaths,
				(int) properties.getMaxTokenSize().toBytes());
		return new WardenHttpSecurity(jwtDecoder, wardenJwtAuthenticationConverter, resolver,
				wardenAuthenticationEntryPoint, wardenAccessDeniedHandler, publicPaths,
				AuthenticatedAuthorizationManager.authenticated());
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain wardenSecurityFilterChain(HttpSecurity http, WardenHttpSecurity wardenHttpSecurity)
			throws Exception {
		return wardenHttpSecurity.configure(http).build();
	}

	static RequestMatcher publicPaths(List<String> patterns) {
		if (patterns.isEmpty()) {
			return (request) -> false;
		}
		List<RequestMatcher> matchers = new ArrayList<>();
		PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
		for (String pattern : patterns) {
			matchers.add(builder.matcher(pattern));
		}
		return new OrRequestMatcher(matchers);
	}

}
