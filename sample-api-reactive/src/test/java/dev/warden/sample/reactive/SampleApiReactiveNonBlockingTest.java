package dev.warden.sample.reactive;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.warden.test.DPoPKey;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import dev.warden.test.WithWardenIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No blocking call on an event-loop thread while Warden validates tokens: BlockHound watches every
 * non-blocking thread (Netty's event loops, Reactor's parallel schedulers) and records each blocking
 * call there, through a cold JWKS fetch (no warm-up), cached tokens, refused tokens, DPoP proofs
 * and the live check by introspection. A positive control proves that a blocking call on the event
 * loop is seen.
 */
@WithWardenIssuer(audience = "orders-api", introspection = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "warden.jwks.warm-up=false")
@Import(SampleApiReactiveNonBlockingTest.BlockingOnRequest.class)
class SampleApiReactiveNonBlockingTest {

	static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	@LocalServerPort
	int port;

	Http http;

	@BeforeAll
	static void installBlockHound() {
		BlockHound.install((builder) -> builder.blockingMethodCallback((method) -> blockingCalls
			.add(method + " on " + Thread.currentThread().getName())));
	}

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
		blockingCalls.clear();
	}

	@Test
	void tokenValidationNeverBlocksAnEventLoop() {
		String token = issuer.token().scopes("orders:read orders:admin").sign();
		int introspections = issuer.introspectionRequests();
		// the first token: the issuer's keys are fetched now
		assertThat(this.http.get("/api/orders", token).status()).isEqualTo(200);
		// the same token again: from the verified-token cache, inline
		assertThat(this.http.get("/api/orders", token).status()).isEqualTo(200);
		assertThat(this.http.get("/api/orders", token.substring(0, token.length() - 4) + "AAAA").status())
			.isEqualTo(401);
		assertThat(this.http.get("/api/orders", null).status()).isEqualTo(401);
		assertThat(this.http.get("/api/orders", issuer.token().scopes("orders:write").sign()).status())
			.isEqualTo(403);
		// the live check: introspection, awaited without blocking
		assertThat(this.http.send("DELETE", "/api/orders/555", token, null, null).status()).isEqualTo(204);
		assertThat(issuer.introspectionRequests()).isEqualTo(introspections + 1);
		DPoPKey key = DPoPKey.ec();
		String bound = issuer.token().scopes("orders:read").boundTo(key).sign();
		String proof = key.proof("GET", "http://127.0.0.1:" + this.port + "/api/orders", bound);
		assertThat(this.http.raw("/api/orders", List.of("Authorization: DPoP " + bound, "DPoP: " + proof)).status())
			.isEqualTo(200);
		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void aBlockingCallOnTheEventLoopIsSeen() {
		assertThat(this.http.raw("/public/ping", List.of("X-Block: yes")).status()).isEqualTo(200);
		// the server's event loops (webflux-http-epoll-N or -nio-N)
		assertThat(blockingCalls).anyMatch((call) -> call.startsWith("java.lang.Thread.sleep on webflux-http-"));
	}

	/** The positive control: a filter that blocks the event loop when asked. */
	@TestConfiguration(proxyBeanMethods = false)
	static class BlockingOnRequest {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		WebFilter blockingOnRequest() {
			return (exchange, chain) -> {
				if (exchange.getRequest().getHeaders().containsHeader("X-Block")) {
					try {
						Thread.sleep(1);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return chain.filter(exchange);
			};
		}

	}

}
