package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiMultiIssuerContract;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

/**
 * The sample API's contract of {@link SampleApiMultiIssuerContract}, unchanged, on WebFlux.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.jwks.warm-up=false", "warden.issuers.partner.jwks.min-refresh-interval=200ms",
				"warden.issuers.partner.scopes.claims=scope,permissions" })
@Import(SampleApiMultiIssuerContract.PartnerController.class)
@ExtendWith(OutputCaptureExtension.class)
class SampleApiReactiveMultiIssuerTest extends SampleApiMultiIssuerContract {

}
