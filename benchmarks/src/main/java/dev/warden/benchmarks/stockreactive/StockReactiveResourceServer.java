package dev.warden.benchmarks.stockreactive;

import dev.warden.benchmarks.stock.StockOrdersController;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * The HTTP benchmark's baseline on WebFlux: a reactive resource server with nothing but Spring
 * Boot's stock auto-configuration (the {@code ReactiveJwtDecoder} from
 * {@code spring.security.oauth2.resourceserver.jwt.*}) and Boot's default reactive resource-server
 * chain plus the sample's two rules, as {@code StockResourceServer} on Spring MVC. Runs as a
 * reactive application (on Netty) although Spring MVC is on the class path too; in a package of its
 * own, out of the servlet server's component scan.
 * <p>
 * Packaged as {@code target/warden-benchmarks-stock-reactive-server.jar}.
 */
@SpringBootApplication
@Import(StockOrdersController.class)
public class StockReactiveResourceServer {

	public static void main(String[] args) {
		new SpringApplicationBuilder(StockReactiveResourceServer.class).web(WebApplicationType.REACTIVE).run(args);
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		http.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, "/public/ping")
			.permitAll()
			.pathMatchers(HttpMethod.GET, "/api/orders")
			.hasAuthority("SCOPE_orders:read")
			.anyExchange()
			.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(withDefaults()));
		return http.build();
	}

}
