package dev.warden.internal.scope;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.scope.RequireScope;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-request endpoint lookup and the table that remembers lookups by method and URI: only
 * where the method and path alone decide the handler, and never at the cost of a wrong requirement.
 */
class EndpointRegistryTest {

	private final AtomicInteger handlerLookups = new AtomicInteger();

	private EndpointRegistry registry;

	private RequestMappingHandlerMapping mapping;

	@BeforeEach
	void registry() throws Exception {
		this.mapping = new RequestMappingHandlerMapping() {
			@Override
			protected HandlerExecutionChain getHandlerExecutionChain(Object handler, HttpServletRequest request) {
				EndpointRegistryTest.this.handlerLookups.incrementAndGet();
				return super.getHandlerExecutionChain(handler, request);
			}
		};
		RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
		options.setPatternParser(PathPatternParser.defaultInstance);
		Endpoints endpoints = new Endpoints();
		map(RequestMappingInfo.paths("/plain").methods(RequestMethod.GET).options(options), endpoints, "plain");
		map(RequestMappingInfo.paths("/items/{id}").methods(RequestMethod.GET).options(options), endpoints, "item");
		map(RequestMappingInfo.paths("/negotiated").methods(RequestMethod.GET).produces("text/plain").options(options),
				endpoints, "text");
		map(RequestMappingInfo.paths("/negotiated").methods(RequestMethod.GET).produces("application/json")
			.options(options), endpoints, "json");
		map(RequestMappingInfo.paths("/mode").methods(RequestMethod.GET).params("mode=a").options(options), endpoints,
				"modeA");
		map(RequestMappingInfo.paths("/{any}").methods(RequestMethod.GET).options(options), endpoints, "any");
		this.registry = new EndpointRegistry(() -> this.mapping, (pattern) -> false);
	}

	private void map(RequestMappingInfo.Builder info, Object handler, String method) throws Exception {
		Method target = Endpoints.class.getDeclaredMethod(method);
		this.mapping.registerMapping(info.build(), handler, target);
	}

	private EndpointRegistry.Lookup lookup(String method, String uri, String accept, String query) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
		if (accept != null) {
			request.addHeader("Accept", accept);
		}
		if (query != null) {
			request.setQueryString(query);
			for (String pair : query.split("&")) {
				String[] parts = pair.split("=", 2);
				request.addParameter(parts[0], parts[1]);
			}
		}
		return this.registry.lookup(request);
	}

	private static List<String> scopes(EndpointRegistry.Lookup lookup) {
		assertThat(lookup.kind()).isEqualTo(EndpointRegistry.Kind.HANDLER);
		return List.copyOf(lookup.requirement().scopes());
	}

	@Test
	void aPathTheMethodAndPathAloneDecideIsLookedUpOnceForAllItsRequests() {
		EndpointRegistry.Lookup first = lookup("GET", "/plain", null, null);
		assertThat(scopes(first)).containsExactly("plain");
		int lookups = this.handlerLookups.get();
		for (int i = 0; i < 5; i++) {
			EndpointRegistry.Lookup again = lookup("GET", "/plain", "application/json", null);
			assertThat(again).isSameAs(first);
		}
		assertThat(this.handlerLookups).hasValue(lookups);
		// another URI of a pattern is another entry, with its own route
		EndpointRegistry.Lookup item = lookup("GET", "/items/7", null, null);
		assertThat(scopes(item)).containsExactly("item");
		assertThat(item.route()).isEqualTo("/items/{id}");
		assertThat(lookup("GET", "/items/7", null, null)).isSameAs(item);
		assertThat(this.handlerLookups).hasValue(lookups + 1);
	}

	@Test
	void aPathWhereTheAcceptHeaderChoosesTheHandlerIsLookedUpEveryTime() {
		for (int i = 0; i < 3; i++) {
			assertThat(scopes(lookup("GET", "/negotiated", "text/plain", null))).containsExactly("text");
			assertThat(scopes(lookup("GET", "/negotiated", "application/json", null))).containsExactly("json");
		}
		assertThat(this.handlerLookups).hasValue(6);
	}

	@Test
	void aPathWhereAParameterChoosesTheHandlerIsLookedUpEveryTime() {
		// /{any} matches /mode too, but the params-conditioned mapping wins when mode=a
		for (int i = 0; i < 3; i++) {
			assertThat(scopes(lookup("GET", "/mode", null, "mode=a"))).containsExactly("modeA");
			assertThat(scopes(lookup("GET", "/mode", null, null))).containsExactly("any");
		}
		assertThat(this.handlerLookups).hasValue(6);
	}

	@Test
	void preflightsAndOtherMethodsAreNotAnsweredFromAnotherMethodsLookup() {
		assertThat(scopes(lookup("GET", "/plain", null, null))).containsExactly("plain");
		// no POST mapping: not the GET handler's requirement, whatever the table holds
		assertThat(lookup("POST", "/plain", null, null).kind()).isEqualTo(EndpointRegistry.Kind.NONE);
		MockHttpServletRequest preflight = new MockHttpServletRequest("OPTIONS", "/plain");
		preflight.addHeader("Origin", "https://app.example");
		preflight.addHeader("Access-Control-Request-Method", "GET");
		this.registry.lookup(preflight);
		int lookups = this.handlerLookups.get();
		MockHttpServletRequest again = new MockHttpServletRequest("OPTIONS", "/plain");
		again.addHeader("Origin", "https://app.example");
		again.addHeader("Access-Control-Request-Method", "GET");
		this.registry.lookup(again);
		assertThat(this.handlerLookups.get()).isGreaterThan(lookups);
	}

	@Test
	void theTableIsBoundedAndAForgottenPathIsLookedUpAgain() {
		EndpointRegistry.Lookup first = lookup("GET", "/items/0", null, null);
		for (int i = 1; i < 20_000; i++) {
			lookup("GET", "/items/" + i, null, null);
		}
		EndpointRegistry.Lookup again = lookup("GET", "/items/0", null, null);
		assertThat(scopes(again)).containsExactly("item");
		// 512 slots for 20,000 paths: the first one's slot was taken by another path since
		assertThat(again).isNotSameAs(first);
	}

	/** Handler methods, each requiring a scope named after it. */
	static class Endpoints {

		@RequireScope("plain")
		void plain() {
		}

		@RequireScope("item")
		void item() {
		}

		@RequireScope("text")
		void text() {
		}

		@RequireScope("json")
		void json() {
		}

		@RequireScope("modeA")
		void modeA() {
		}

		@RequireScope("any")
		void any() {
		}

	}

}
