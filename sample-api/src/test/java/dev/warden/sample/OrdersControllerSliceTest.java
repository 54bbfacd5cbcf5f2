package dev.warden.sample;

import dev.warden.test.WithJwt;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A slice test with the test kit's {@link WithJwt}: Warden's scope checks run in the
 * {@code @WebMvcTest} slice as in production.
 */
@WebMvcTest(OrdersController.class)
class OrdersControllerSliceTest {

	@Autowired
	MockMvc mvc;

	@Test
	@WithJwt(scopes = "orders:read", audience = "orders-api")
	void readerLists() throws Exception {
		this.mvc.perform(get("/api/orders")).andExpect(status().isOk());
	}

	@Test
	@WithJwt(scopes = "orders:read", audience = "orders-api")
	void readerCannotWriteAndIsToldTheScope() throws Exception {
		this.mvc.perform(post("/api/orders").contentType("application/json").content("{}"))
			.andExpect(status().isForbidden())
			.andExpect(header().stringValues("WWW-Authenticate",
					"Bearer error=\"insufficient_scope\", error_description=\"The access token lacks a scope this "
							+ "endpoint requires (all of: orders:write).\", scope=\"orders:write\""));
	}

	@Test
	@WithJwt(scopes = "orders:write", audience = "orders-api")
	void writerCreates() throws Exception {
		this.mvc.perform(post("/api/orders").contentType("application/json").content("{\"item\":\"tea\"}"))
			.andExpect(status().isCreated());
	}

	@Test
	@WithJwt(scopes = "orders:write", audience = "orders-api", acr = "mfa", authTimeSecondsAgo = 10)
	void aRecentMfaSignInRefunds() throws Exception {
		this.mvc.perform(post("/api/orders/1/refund")).andExpect(status().isOk());
	}

	@Test
	@WithJwt(scopes = "orders:write", audience = "orders-api", acr = "pwd", authTimeSecondsAgo = 10)
	void aPasswordSignInIsAskedToStepUp() throws Exception {
		this.mvc.perform(post("/api/orders/1/refund"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString(
					"error=\"insufficient_user_authentication\", error_description=\"This endpoint requires a sign-in at "
							+ "level mfa or above\", acr_values=\"mfa phr\", max_age=\"300\"")));
	}

	@Test
	void withoutATokenIs401() throws Exception {
		this.mvc.perform(get("/api/orders"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().stringValues("WWW-Authenticate",
					"Bearer resource_metadata=\"http://localhost/.well-known/oauth-protected-resource\""));
	}

}
