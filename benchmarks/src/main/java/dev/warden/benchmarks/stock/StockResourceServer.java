package dev.warden.benchmarks.stock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * The HTTP benchmark's baseline: a resource server with nothing but Spring Boot's stock
 * auto-configuration. The {@code JwtDecoder} comes from Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties ({@code jwk-set-uri},
 * {@code issuer-uri}, {@code audiences}, {@code jws-algorithms}); the only code is this filter
 * chain, which is Boot's own default resource-server chain ({@code anyRequest().authenticated()} +
 * {@code oauth2ResourceServer().jwt()}) plus the two rules the sample API has:
 * {@code GET /public/ping} open, {@code GET /api/orders} needs {@code SCOPE_orders:read}.
 * <p>
 * Packaged as {@code target/warden-benchmarks-stock-server.jar} (without Warden on its class path).
 */
@SpringBootApplication
public class StockResourceServer {

	public static void main(String[] args) {
		SpringApplication.run(StockResourceServer.class, args);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/public/ping")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/orders")
			.hasAuthority("SCOPE_orders:read")
			.anyRequest()
			.authenticated());
		http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(withDefaults()));
		return http.build();
	}

}
