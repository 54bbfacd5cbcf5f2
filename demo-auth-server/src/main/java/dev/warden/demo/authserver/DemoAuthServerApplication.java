package dev.warden.demo.authserver;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The demo authorization server (Spring Authorization Server): {@code client_credentials} clients
 * for the orders API, JWT access tokens for audience {@code orders-api} that carry
 * {@code client_id}, and the JWKS, metadata, introspection and revocation endpoints. For demos
 * and tests only: its secrets are public and its key lives in memory.
 */
@SpringBootApplication
public class DemoAuthServerApplication {

	/** The audience of every access token. */
	public static final String AUDIENCE = "orders-api";

	public static void main(String[] args) {
		builder().run(args);
	}

	/**
	 * An application builder with the demo server's own configuration file
	 * ({@code demo-auth-server.yml}), so it can run beside another application's
	 * {@code application.yml} in one JVM. Override its settings with arguments to {@code run}
	 * (e.g. {@code --server.port=0}), which take precedence over the file.
	 * @return the builder
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(DemoAuthServerApplication.class)
			.properties("spring.config.name=demo-auth-server");
	}

	/**
	 * The demo transmitter ({@link DemoSignalsController}) checks its operator's credentials itself.
	 * @param http the chain's builder
	 * @return the chain for {@code /demo/signals/**}
	 * @throws Exception as Spring Security's configurers do
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain demoSignalsSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/demo/signals/**")
			.csrf((csrf) -> csrf.disable())
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

	@Bean
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http) throws Exception {
		http.oauth2AuthorizationServer((authorizationServer) -> {
		}).authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		return http.build();
	}

	@Bean
	RegisteredClientRepository registeredClientRepository() {
		return new InMemoryRegisteredClientRepository(client("orders-reader", "reader-secret", "orders:read"),
				client("orders-writer", "writer-secret", "orders:read", "orders:write"),
				client("orders-admin", "admin-secret", "orders:read", "orders:write", "orders:admin"),
				client("orders-api", "orders-api-secret"));
	}

	private static RegisteredClient client(String id, String secret, String... scopes) {
		RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(id)
			.clientSecret("{noop}" + secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(5)).build());
		for (String scope : scopes) {
			client.scope(scope);
		}
		return client.build();
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> accessTokenCustomizer() {
		return (context) -> {
			if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				context.getClaims().audience(List.of(AUDIENCE));
				context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
			}
		};
	}

	@Bean
	JWKSource<SecurityContext> jwkSource() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keyPair = generator.generateKeyPair();
		RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic()).privateKey((RSAPrivateKey) keyPair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		return new ImmutableJWKSet<>(new JWKSet(new ArrayList<>(List.of(key))));
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(@Value("${demo.issuer}") String issuer) {
		// set explicitly: otherwise the issuer is derived from each request's Host header
		return AuthorizationServerSettings.builder().issuer(issuer).build();
	}

}
