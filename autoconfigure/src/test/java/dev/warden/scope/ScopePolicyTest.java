package dev.warden.scope;

import dev.warden.autoconfigure.InvalidWardenPropertyException;
import dev.warden.scope.app.ScopeTestApplication;
import dev.warden.test.BearerAnswers;
import dev.warden.test.Http;
import dev.warden.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The default policy for undeclared endpoints: deny (with a startup warning), authenticated, and
 * strict mode that fails startup naming each undeclared endpoint.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScopePolicyTest {

	static final TestIssuer issuer = TestIssuer.start();

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(ScopeTestApplication.class)
			.properties("server.port=0", "warden.issuer=" + issuer.issuer(), "warden.jwks-uri=" + issuer.jwksUri(),
					"warden.audiences=" + TestIssuer.AUDIENCE)
			.properties(properties)
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Test
	void undeclaredEndpointIsLoggedAndWarnedAboutAtStartup(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(output).contains("Warden endpoint inventory")
				.contains("GET /t/all -> all of scopes a b")
				.contains("GET /t/any -> any of scopes a b")
				.contains("GET /t/permit-all -> public")
				.contains("GET /undeclared -> undeclared")
				.contains("Endpoint GET /undeclared (dev.warden.scope.app.ScopeTestApplication$Undeclared#undeclared) "
						+ "declares no access rule: every request to it is denied (warden.scopes.default-policy=deny)");
			BearerAnswers.undeclared(new Http(port(context)).get("/undeclared", issuer.token().sign()));
		}
	}

	@Test
	void authenticatedPolicyLetsAnyValidTokenCallUndeclaredEndpoints(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("warden.scopes.default-policy=authenticated")) {
			Http http = new Http(port(context));
			assertThat(http.get("/undeclared", issuer.token().sign()).status()).isEqualTo(200);
			BearerAnswers.missingToken(http.get("/undeclared", null));
			BearerAnswers.insufficientScope(http.get("/t/all", issuer.token().scopes("a").sign()), "a b");
			assertThat(output).contains("any valid token may call it (warden.scopes.default-policy=authenticated)");
		}
	}

	@Test
	void strictModeFailsStartupNamingEachUndeclaredEndpoint() {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> start("warden.scopes.strict=true"))
			.satisfies((ex) -> {
				Throwable cause = ex;
				while (cause != null && !(cause instanceof InvalidWardenPropertyException)) {
					cause = cause.getCause();
				}
				assertThat(cause).isNotNull();
				InvalidWardenPropertyException failure = (InvalidWardenPropertyException) cause;
				assertThat(failure.getProperty()).isEqualTo("warden.scopes.strict");
				assertThat(failure.getProblem()).isEqualTo("these endpoints declare no access rule: GET /undeclared "
						+ "(dev.warden.scope.app.ScopeTestApplication$Undeclared#undeclared).");
			});
	}

	@Test
	void undeclaredEndpointUnderAPublicPathIsPublicNotUndeclared(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("warden.public-paths=/undeclared",
				"warden.scopes.strict=true")) {
			assertThat(new Http(port(context)).get("/undeclared", null).status()).isEqualTo(200);
			assertThat(output).contains("GET /undeclared -> public").doesNotContain("declares no access rule");
		}
	}

	@Test
	void aWildcardEndpointIsNotInferredPublicFromANarrowerPublicPath() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ScopeTestApplication.class,
				FilesController.class)
			.properties("server.port=0", "warden.issuer=" + issuer.issuer(), "warden.jwks-uri=" + issuer.jwksUri(),
					"warden.audiences=" + TestIssuer.AUDIENCE, "warden.public-paths=/files/*")
			.run()) {
			Http http = new Http(port(context));
			assertThat(http.get("/files/one", null).status()).isEqualTo(200);
			BearerAnswers.missingToken(http.get("/files/one/two", null));
			BearerAnswers.undeclared(http.get("/files/one/two", issuer.token().sign()));
		}
	}

	@org.springframework.web.bind.annotation.RestController
	static class FilesController {

		@org.springframework.web.bind.annotation.GetMapping("/files/**")
		String files() {
			return "files";
		}

	}

	@Test
	void liveCheckWithoutAnIntrospectionClientFailsStartup() {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> new SpringApplicationBuilder(ScopeTestApplication.class, LiveCheckController.class)
				.properties("server.port=0", "warden.issuer=" + issuer.issuer(), "warden.jwks-uri=" + issuer.jwksUri(),
						"warden.audiences=" + TestIssuer.AUDIENCE)
				.run()
				.close())
			.satisfies((ex) -> {
				Throwable cause = ex;
				while (cause != null && !(cause instanceof InvalidWardenPropertyException)) {
					cause = cause.getCause();
				}
				assertThat(cause).isNotNull();
				assertThat(((InvalidWardenPropertyException) cause).getProperty())
					.isEqualTo("warden.introspection.client-id");
				assertThat(((InvalidWardenPropertyException) cause).getProblem())
					.contains("GET /live (dev.warden.scope.ScopePolicyTest$LiveCheckController#live)");
			});
	}

	@org.springframework.web.bind.annotation.RestController
	static class LiveCheckController {

		@org.springframework.web.bind.annotation.GetMapping("/live")
		@RequireScope("a")
		@RequireLiveCheck
		String live() {
			return "live";
		}

	}

	@Test
	void namingRequiredScopesCanBeSwitchedOff() {
		try (ConfigurableApplicationContext context = start("warden.scopes.name-required-scopes=false")) {
			Http.Answer answer = new Http(port(context)).get("/t/all", issuer.token().scopes("a").sign());
			BearerAnswers.insufficientScope(answer, "The access token does not grant access to this endpoint.", null);
			assertThat(answer.body()).doesNotContain("a b");
		}
	}

	@Test
	void theStartupReportSaysWhereAnInvalidValueWasSet(CapturedOutput output) {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> start("spring.config.import=classpath:warden-invalid-skew.yml").close());
		assertThat(output.getAll()).contains("Warden cannot start: the property 'warden.clock-skew' has the value '10m' "
				+ "(set in class path resource [warden-invalid-skew.yml] - 2:15), which is invalid: the clock skew must "
				+ "be between 0s and 5m.");
	}

	@Test
	void anEndpointRequiringDPoPWhileDPoPIsOffFailsStartup() {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> start("warden.dpop.enabled=false").close())
			.satisfies((ex) -> {
				InvalidWardenPropertyException cause = invalidProperty(ex);
				assertThat(cause.getProperty()).isEqualTo("warden.dpop.enabled");
				assertThat(cause.getProblem()).startsWith("these endpoints accept only DPoP-bound tokens, but DPoP is "
						+ "switched off: GET /t/dpop (dev.warden.scope.app.ScopeTestApplication$DPoPOnly#dpop)");
				assertThat(cause.getAction())
					.isEqualTo("Set warden.dpop.enabled=true, or remove @RequireDPoP from these endpoints.");
			});
	}

	@Test
	void aStepUpLevelMissingFromTheOperatorsListFailsStartup() {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> new SpringApplicationBuilder(ScopeTestApplication.class, StepUpController.class)
				.properties("server.port=0", "warden.issuer=" + issuer.issuer(), "warden.jwks-uri=" + issuer.jwksUri(),
						"warden.audiences=" + TestIssuer.AUDIENCE, "warden.step-up.acr-levels=pwd,phr")
				.run()
				.close())
			.satisfies((ex) -> {
				InvalidWardenPropertyException cause = invalidProperty(ex);
				assertThat(cause.getProperty()).isEqualTo("warden.step-up.acr-levels");
				assertThat(cause.getProblem()).isEqualTo("these endpoints require acr levels that are not in the list: "
						+ "mfa at POST /payout (dev.warden.scope.ScopePolicyTest$StepUpController#payout).");
			});
	}

	@org.springframework.web.bind.annotation.RestController
	static class StepUpController {

		@org.springframework.web.bind.annotation.PostMapping("/payout")
		@RequireScope("pay")
		@RequireStepUp(acr = "mfa")
		String payout() {
			return "paid";
		}

	}

	private static InvalidWardenPropertyException invalidProperty(Throwable ex) {
		Throwable cause = ex;
		while (cause != null && !(cause instanceof InvalidWardenPropertyException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("an InvalidWardenPropertyException in " + ex).isNotNull();
		return (InvalidWardenPropertyException) cause;
	}

}
