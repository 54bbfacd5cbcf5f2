package dev.warden.internal.web;

import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.jwt.TokenRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The header is read once per request, for both of Warden's authentication filters: the DPoP
 * filter's matcher asks first, the bearer-token filter second.
 */
class HeaderBearerTokenResolverTest {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

	private final HeaderBearerTokenResolver resolver = new HeaderBearerTokenResolver((request) -> false, 8192, true);

	/** A request bound as Warden's filter binds it, counting the reads of its Authorization header. */
	private static final class CountingRequest extends MockHttpServletRequest {

		final AtomicInteger authorizationReads = new AtomicInteger();

		CountingRequest(String... authorization) {
			super("GET", "/api/orders");
			for (String value : authorization) {
				addHeader("Authorization", value);
			}
			setAttribute(ServletTokenRequest.ATTRIBUTE, new ServletTokenRequest(this, new MockHttpServletResponse()));
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			if ("Authorization".equalsIgnoreCase(name)) {
				this.authorizationReads.incrementAndGet();
			}
			return super.getHeaders(name);
		}

		@Override
		public String getHeader(String name) {
			if ("Authorization".equalsIgnoreCase(name)) {
				this.authorizationReads.incrementAndGet();
			}
			return super.getHeader(name);
		}

	}

	@Test
	void aBearerTokenIsReadOnceForBothFilters() {
		CountingRequest request = new CountingRequest("Bearer " + TOKEN);
		assertThat(this.resolver.presentsDPoP(request)).isFalse();
		assertThat(this.resolver.resolve(request)).isEqualTo(TOKEN);
		assertThat(this.resolver.resolve(request)).isEqualTo(TOKEN);
		assertThat(request.authorizationReads).hasValue(1);
		assertThat(ServletTokenRequest.of(request).scheme()).isEqualTo(TokenRequest.Scheme.BEARER);
	}

	@Test
	void aDPoPTokenIsReadOnceAndGoesToTheDPoPFilterOnly() {
		CountingRequest request = new CountingRequest("DPoP " + TOKEN);
		assertThat(this.resolver.presentsDPoP(request)).isTrue();
		assertThat(this.resolver.dpopConverter().convert(request)).isInstanceOfSatisfying(
				BearerTokenAuthenticationToken.class, (token) -> assertThat(token.getToken()).isEqualTo(TOKEN));
		assertThat(this.resolver.resolve(request)).isNull();
		assertThat(request.authorizationReads).hasValue(1);
	}

	@Test
	void anUnreadableHeaderIsLeftToTheBearerFilterAndRefusedEveryTimeItIsRead() {
		CountingRequest request = new CountingRequest("Bearer " + TOKEN, "Bearer " + TOKEN);
		// the matcher never throws: the bearer-token filter answers
		assertThat(this.resolver.presentsDPoP(request)).isFalse();
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(OAuth2AuthenticationException.class)
				.isThrownBy(() -> this.resolver.resolve(request))
				.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request"));
		}
	}

	@Test
	void withoutWardensFilterTheHeaderIsReadOnEachAsk() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
		request.addHeader("Authorization", "Bearer " + TOKEN);
		assertThat(this.resolver.presentsDPoP(request)).isFalse();
		assertThat(this.resolver.resolve(request)).isEqualTo(TOKEN);
	}

}
