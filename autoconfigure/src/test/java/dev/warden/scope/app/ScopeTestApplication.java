package dev.warden.scope.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.warden.scope.Authenticated;
import dev.warden.scope.RequireAnyScope;
import dev.warden.scope.RequireScope;
import jakarta.annotation.security.PermitAll;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** A small application exercising every way of declaring access. */
@SpringBootApplication
public class ScopeTestApplication {

	@Target({ ElementType.METHOD, ElementType.TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@RequireAnyScope({ "team:read", "team:admin" })
	public @interface TeamRead {

	}

	@RestController
	@RequestMapping("/t")
	@RequireScope("class:scope")
	static class Declared {

		@GetMapping("/class-level")
		String classLevel() {
			return "class-level";
		}

		@GetMapping("/method-wins")
		@RequireScope("method:scope")
		String methodWins() {
			return "method-wins";
		}

		@GetMapping("/all")
		@RequireScope({ "a", "b" })
		String all() {
			return "all";
		}

		@GetMapping("/any")
		@RequireAnyScope({ "a", "b" })
		String any() {
			return "any";
		}

		@GetMapping("/meta")
		@TeamRead
		String meta() {
			return "meta";
		}

		@GetMapping("/authenticated")
		@Authenticated
		String authenticated() {
			return "authenticated";
		}

		@GetMapping("/permit-all")
		@PermitAll
		String permitAll() {
			return "permit-all";
		}

		@PostMapping("/post-only")
		@RequireScope("a")
		String postOnly() {
			return "posted";
		}

		@GetMapping("/throws")
		@RequireScope("a")
		String fails() {
			throw new IllegalStateException("boom");
		}

	}

	/** A handler method inherited by two controllers that declare different scopes. */
	abstract static class Listing {

		@GetMapping("/list")
		String list() {
			return getClass().getSimpleName();
		}

	}

	@RestController
	@RequestMapping("/inherit/a")
	@RequireScope("a")
	static class ListingA extends Listing {

	}

	@RestController
	@RequestMapping("/inherit/b")
	@RequireScope("b")
	static class ListingB extends Listing {

	}

	@RestController
	static class Undeclared {

		@GetMapping("/undeclared")
		String undeclared() {
			return "undeclared";
		}

	}

	/** Turns every non-MVC exception into a 200: it must never see Warden's denials. */
	@RestControllerAdvice
	static class SwallowEverything extends ResponseEntityExceptionHandler {

		@ExceptionHandler(Exception.class)
		ResponseEntity<String> swallow(Exception ex) {
			return ResponseEntity.ok("swallowed " + ex.getClass().getSimpleName());
		}

	}

	/** Refuses a token of a tenant this service does not serve, and every token while {@link #REFUSE_ALL}. */
	public static final java.util.concurrent.atomic.AtomicBoolean REFUSE_ALL = new java.util.concurrent.atomic.AtomicBoolean();

	@Bean
	org.springframework.security.oauth2.core.OAuth2TokenValidator<org.springframework.security.oauth2.jwt.Jwt> tenantValidator() {
		return (jwt) -> ("explode".equals(jwt.getClaims().get("tenant")) ? failOnPurpose()
				: "blocked".equals(jwt.getClaims().get("tenant")) || REFUSE_ALL.get())
				? org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.failure(
						new org.springframework.security.oauth2.core.OAuth2Error("invalid_token",
								"The token's tenant is not served here", null))
				: org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success();
	}

	/** A validator bug a client can trigger: it throws instead of answering. */
	static boolean failOnPurpose() {
		throw new IllegalStateException("tenant explode: this message quotes a claim value");
	}

	@RestController
	@RequestMapping("/t/dpop")
	@RequireScope("a")
	@dev.warden.scope.RequireDPoP
	static class DPoPOnly {

		@GetMapping
		String dpop() {
			return "dpop";
		}

	}

	@Bean
	WebMvcConfigurer cors() {
		return new WebMvcConfigurer() {
			@Override
			public void addCorsMappings(CorsRegistry registry) {
				registry.addMapping("/t/**").allowedOrigins("https://app.example").allowedMethods("GET", "POST");
			}
		};
	}

}
