package dev.warden.sample;

import dev.warden.test.WithJwt;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link WithJwt} builds its authentication with the application's own converter, so a slice test
 * sees the scope parsing the application configured ({@code warden.scopes.delimiters=" ,"} here,
 * as in {@code SampleApiCommaScopesTest}) and fails when that parsing changes.
 */
@WebMvcTest(controllers = OrdersController.class, properties = "warden.scopes.delimiters=\\u0020,")
class OrdersControllerSliceScopeParsingTest {

	@Autowired
	MockMvc mvc;

	@Test
	@WithJwt(scopes = "orders:read,orders:write", audience = "orders-api")
	void commaSeparatedScopesAreSplitByTheApplicationsConverter() throws Exception {
		assertThat(SecurityContextHolder.getContext().getAuthentication().getAuthorities())
			.extracting((authority) -> authority.getAuthority())
			.containsExactly("SCOPE_orders:read", "SCOPE_orders:write");
		this.mvc.perform(post("/api/orders").contentType("application/json").content("{\"item\":\"tea\"}"))
			.andExpect(status().isCreated());
	}

	@Test
	@WithJwt(scopes = "openid,orders:read", audience = "orders-api")
	void aReaderOfCommaSeparatedScopesListsOrdersButIsToldTheScopeToWrite() throws Exception {
		this.mvc.perform(get("/api/orders")).andExpect(status().isOk());
		this.mvc.perform(post("/api/orders").contentType("application/json").content("{}"))
			.andExpect(status().isForbidden())
			.andExpect(header().stringValues("WWW-Authenticate",
					"Bearer error=\"insufficient_scope\", error_description=\"The access token lacks a scope this "
							+ "endpoint requires (all of: orders:write).\", scope=\"orders:write\""));
	}

}
