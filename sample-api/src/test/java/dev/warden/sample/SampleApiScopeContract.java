package dev.warden.sample;

import java.util.List;
import java.util.stream.Stream;

import dev.warden.test.BearerAnswers;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege on the sample API over real HTTP: every endpoint against every kind of token —
 * none, without the scope, with it, with extra scopes, {@code scp} as an array, a comma-delimited
 * claim, the scope in the wrong case.
 * <p>
 * Written once and run against both samples ({@code SampleApiScopeTest} on Spring MVC,
 * {@code SampleApiReactiveScopeTest} on WebFlux).
 */
public abstract class SampleApiScopeContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	record Endpoint(String method, String path, String scope, int success) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	static final List<Endpoint> SCOPED = List.of(new Endpoint("GET", "/api/orders", "orders:read", 200),
			new Endpoint("GET", "/api/orders/1", "orders:read", 200),
			new Endpoint("POST", "/api/orders", "orders:write", 201),
			new Endpoint("DELETE", "/api/orders/999", "orders:admin", 204));

	static Stream<Arguments> scoped() {
		return SCOPED.stream().map(Arguments::of);
	}

	private Answer call(Endpoint endpoint, String token) {
		Http http = new Http(this.port);
		return "POST".equals(endpoint.method())
				? http.send("POST", endpoint.path(), token, "application/json", "{\"item\":\"x\"}")
				: http.send(endpoint.method(), endpoint.path(), token, null, null);
	}

	private static void assertInsufficientScope(Answer answer, String scope) {
		BearerAnswers.insufficientScope(answer, scope);
	}

	@ParameterizedTest
	@MethodSource("scoped")
	void noTokenIs401(Endpoint endpoint) {
		BearerAnswers.missingToken(call(endpoint, null));
	}

	@ParameterizedTest
	@MethodSource("scoped")
	void tokenWithoutTheScopeIs403NamingIt(Endpoint endpoint) {
		assertInsufficientScope(call(endpoint, issuer.token().scopes("profile").sign()), endpoint.scope());
	}

	@ParameterizedTest
	@MethodSource("scoped")
	void tokenWithoutAnyScopeIs403NamingIt(Endpoint endpoint) {
		assertInsufficientScope(call(endpoint, issuer.token().sign()), endpoint.scope());
	}

	@ParameterizedTest
	@MethodSource("scoped")
	void tokenWithTheScopeSucceeds(Endpoint endpoint) {
		assertThat(call(endpoint, issuer.token().scopes(endpoint.scope()).sign()).status()).isEqualTo(endpoint.success());
	}

	@ParameterizedTest
	@MethodSource("scoped")
	void tokenWithExtraScopesSucceeds(Endpoint endpoint) {
		String scopes = "openid " + endpoint.scope() + " orders:other";
		assertThat(call(endpoint, issuer.token().scopes(scopes).sign()).status()).isEqualTo(endpoint.success());
	}

	@ParameterizedTest
	@MethodSource("scoped")
	void scpArraySucceeds(Endpoint endpoint) {
		String token = issuer.token().claim("scp", List.of("openid", endpoint.scope())).sign();
		assertThat(call(endpoint, token).status()).isEqualTo(endpoint.success());
	}

	@ParameterizedTest
	@MethodSource("scoped")
	void scpStringSucceeds(Endpoint endpoint) {
		assertThat(call(endpoint, issuer.token().claim("scp", endpoint.scope()).sign()).status())
			.isEqualTo(endpoint.success());
	}

	@ParameterizedTest
	@MethodSource("scoped")
	void commaDelimitedClaimIsOneScopeUnlessCommasAreConfigured(Endpoint endpoint) {
		String token = issuer.token().scopes("openid," + endpoint.scope()).sign();
		assertInsufficientScope(call(endpoint, token), endpoint.scope());
	}

	@ParameterizedTest
	@MethodSource("scoped")
	void scopeInTheWrongCaseIs403(Endpoint endpoint) {
		assertInsufficientScope(call(endpoint, issuer.token().scopes(endpoint.scope().toUpperCase()).sign()),
				endpoint.scope());
	}

	@Test
	void meNeedsAnyValidTokenButNoScope() {
		Http http = new Http(this.port);
		BearerAnswers.missingToken(http.get("/api/me", null));
		assertThat(http.get("/api/me", issuer.token().sign()).status()).isEqualTo(200);
		assertThat(http.get("/api/me", issuer.token().scopes("orders:read").sign()).status()).isEqualTo(200);
	}

	@Test
	void pingIsPublicThroughItsAnnotationAndIgnoresTheHeader() {
		Http http = new Http(this.port);
		assertThat(http.get("/public/ping", null).status()).isEqualTo(200);
		assertThat(http.get("/public/ping", "not-a-jwt").body()).isEqualTo("pong");
	}

	@Test
	void readerCannotWriteAndIsToldWhichScopeToAskFor() {
		Answer answer = new Http(this.port).send("POST", "/api/orders", issuer.token().scopes("orders:read").sign(),
				"application/json", "{}");
		assertInsufficientScope(answer, "orders:write");
	}

	@Test
	void inventoryEndpointNeedsTheActuatorScope() {
		Http http = new Http(this.port);
		BearerAnswers.missingToken(http.get("/actuator/warden", null));
		BearerAnswers.insufficientScope(http.get("/actuator/warden", issuer.token().scopes("orders:read").sign()),
				"actuator");
		Answer inventory = http.get("/actuator/warden", issuer.token().scopes("actuator").sign());
		assertThat(inventory.status()).isEqualTo(200);
		assertThat(inventory.body()).contains("\"defaultPolicy\":\"deny\"", "\"undeclared\":0",
				"\"patterns\":[\"/api/orders\"]", "\"rule\":\"all_of\"", "\"scopes\":[\"orders:admin\"]",
				"\"patterns\":[\"/api/me\"]", "\"rule\":\"authenticated\"", "\"patterns\":[\"/public/ping\"]",
				"\"rule\":\"public\"");
	}

}
