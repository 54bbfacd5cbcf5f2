package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiContract;
import dev.warden.test.WithWardenIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample API's contract ({@link SampleApiContract}), unchanged, on WebFlux.
 */
@WithWardenIssuer(audience = "orders-api", introspection = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApiReactiveHttpTest extends SampleApiContract {

	@Autowired
	ApplicationContext context;

	@Test
	void theContractRunsAgainstAWebFluxApplication() {
		assertThat(this.context).isInstanceOf(ReactiveWebApplicationContext.class);
	}

}
