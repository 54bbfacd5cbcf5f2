package dev.warden.internal.scope;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Method;

import dev.warden.scope.PublicEndpoint;
import dev.warden.scope.RequireAnyScope;
import dev.warden.scope.RequireDPoP;
import dev.warden.scope.RequireLiveCheck;
import dev.warden.scope.RequireScope;
import dev.warden.scope.RequireStepUp;
import jakarta.annotation.security.PermitAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Reading declarations from annotations: precedence, meta-annotations and mistakes. */
class EndpointRequirementTest {

	@Retention(RetentionPolicy.RUNTIME)
	@RequireScope({ "x:read", "x:list" })
	@interface XRead {

	}

	@RequireScope("class")
	static class Controller {

		void inherited() {
		}

		@RequireAnyScope({ "a", "b" })
		void anyOf() {
		}

		@XRead
		void meta() {
		}

		@PermitAll
		void permitAll() {
		}

		@PublicEndpoint
		@RequireScope("a")
		void conflicting() {
		}

		@RequireScope({ "a", " " })
		void blankScope() {
		}

		@RequireScope({})
		void noScope() {
		}

		@XRead
		@RequireScope("other")
		void twoScopeDeclarations() {
		}

		@org.springframework.security.access.prepost.PreAuthorize("hasAuthority('SCOPE_x')")
		void methodSecurity() {
		}

		@RequireLiveCheck
		@RequireScope("a")
		void live() {
		}

		@RequireLiveCheck
		@PublicEndpoint
		void publicAndLive() {
		}

	}

	static class Plain {

		void nothing() {
		}

	}

	private static EndpointRequirement of(Class<?> type, String name) throws Exception {
		Method method = type.getDeclaredMethod(name);
		return EndpointRequirement.of(method, type);
	}

	@Test
	void classDeclarationAppliesWhenTheMethodHasNone() throws Exception {
		assertThat(of(Controller.class, "inherited")).isEqualTo(EndpointRequirement.allOf(java.util.Set.of("class")));
	}

	@Test
	void methodDeclarationWins() throws Exception {
		EndpointRequirement requirement = of(Controller.class, "anyOf");
		assertThat(requirement.rule()).isEqualTo(EndpointRequirement.Rule.ANY_OF);
		assertThat(requirement.scopes()).containsExactly("a", "b");
	}

	@Test
	void metaAnnotationKeepsDeclarationOrder() throws Exception {
		assertThat(of(Controller.class, "meta").scopes()).containsExactly("x:read", "x:list");
		assertThat(of(Controller.class, "meta").describe()).isEqualTo("all of scopes x:read x:list");
	}

	@Test
	void permitAllMeansPublic() throws Exception {
		assertThat(of(Controller.class, "permitAll")).isEqualTo(EndpointRequirement.PUBLIC);
	}

	@Test
	void nothingDeclaredIsUndeclared() throws Exception {
		assertThat(of(Plain.class, "nothing")).isEqualTo(EndpointRequirement.UNDECLARED);
	}

	@Test
	void conflictingDeclarationsFailClearly() {
		assertThatIllegalStateException().isThrownBy(() -> of(Controller.class, "conflicting"))
			.withMessageContaining("EndpointRequirementTest$Controller#conflicting declares conflicting access rules")
			.withMessageContaining("keep exactly one of");
	}

	@Test
	void twoScopeDeclarationsOnOneElementFailClearly() {
		assertThatIllegalStateException().isThrownBy(() -> of(Controller.class, "twoScopeDeclarations"))
			.withMessageContaining("carries @RequireScope more than once");
	}

	@Test
	void preAuthorizeAloneCountsAsDeclared() throws Exception {
		assertThat(of(Controller.class, "methodSecurity")).isEqualTo(EndpointRequirement.METHOD_SECURITY);
	}

	@Test
	void liveCheckCombinesWithAScopeRequirement() throws Exception {
		EndpointRequirement requirement = of(Controller.class, "live");
		assertThat(requirement.liveCheck()).isTrue();
		assertThat(requirement.scopes()).containsExactly("a");
		assertThat(requirement.describe()).isEqualTo("scope a + live check");
	}

	@Test
	void liveCheckOnAPublicEndpointFailsClearly() {
		assertThatIllegalStateException().isThrownBy(() -> of(Controller.class, "publicAndLive"))
			.withMessageContaining("is public and requires a live token check");
	}

	@Test
	void blankOrMissingScopesFailClearly() {
		assertThatIllegalStateException().isThrownBy(() -> of(Controller.class, "blankScope"))
			.withMessageContaining("has @RequireScope with the scope ' '");
		assertThatIllegalStateException().isThrownBy(() -> of(Controller.class, "noScope"))
			.withMessageContaining("has @RequireScope without any scope");
	}

	@Retention(RetentionPolicy.RUNTIME)
	@RequireStepUp(acr = "phr")
	@interface PhishingResistant {

	}

	@RequireScope("pay")
	@RequireStepUp(acr = "mfa")
	static class Payouts {

		void classLevel() {
		}

		@RequireStepUp(maxAge = "PT2M")
		void methodWins() {
		}

		@PhishingResistant
		void meta() {
		}

		@RequireStepUp
		void nothingNamed() {
		}

		@RequireStepUp(maxAge = "soon")
		void notADuration() {
		}

		@RequireStepUp(acr = "m f a")
		void acrWithSpaces() {
		}

		@PublicEndpoint
		@RequireStepUp(acr = "mfa")
		void publicAndStepUp() {
		}

		@RequireDPoP
		void dpop() {
		}

	}

	@Test
	void stepUpIsReadFromTheClassTheMethodOrAMetaAnnotation() throws Exception {
		assertThat(of(Payouts.class, "classLevel").stepUp()).isEqualTo(new StepUp("mfa", null));
		assertThat(of(Payouts.class, "methodWins").stepUp()).isEqualTo(new StepUp(null, java.time.Duration.ofMinutes(2)));
		assertThat(of(Payouts.class, "meta").stepUp()).isEqualTo(new StepUp("phr", null));
		assertThat(of(Payouts.class, "classLevel").describe()).isEqualTo("scope pay + step-up (acr mfa)");
		assertThat(of(Payouts.class, "methodWins").describe()).isEqualTo("scope pay + step-up (max age 120s)");
		assertThat(of(Controller.class, "anyOf").stepUp()).isNull();
	}

	@Test
	void aStepUpThatNamesNothingOrSomethingUnreadableFailsClearly() {
		assertThatIllegalStateException().isThrownBy(() -> of(Payouts.class, "nothingNamed"))
			.withMessageContaining("has @RequireStepUp without acr or maxAge");
		assertThatIllegalStateException().isThrownBy(() -> of(Payouts.class, "notADuration"))
			.withMessageContaining("has @RequireStepUp with maxAge 'soon', which is not a duration");
		assertThatIllegalStateException().isThrownBy(() -> of(Payouts.class, "acrWithSpaces"))
			.withMessageContaining("has @RequireStepUp with the acr 'm f a': an acr value is one word");
		assertThatIllegalStateException().isThrownBy(() -> of(Payouts.class, "publicAndStepUp"))
			.withMessageContaining("is public and requires a step-up sign-in");
	}

	@Test
	void dpopCombinesWithTheClassesRequirements() throws Exception {
		EndpointRequirement requirement = of(Payouts.class, "dpop");
		assertThat(requirement.dpop()).isTrue();
		assertThat(requirement.describe()).isEqualTo("scope pay + DPoP + step-up (acr mfa)");
	}

}
