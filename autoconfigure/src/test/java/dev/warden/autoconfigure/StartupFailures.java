package dev.warden.autoconfigure;

import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ContextConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on a context that failed to start because of a {@code warden.*} property: the
 * property, the value, the problem and the fix, exactly as the failure analysis shows them.
 */
final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * The {@link InvalidWardenPropertyException} in the cause chain of a failed context.
	 * @param context the context
	 * @return the exception
	 */
	static InvalidWardenPropertyException failure(ApplicationContextAssertProvider<?> context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidWardenPropertyException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("an InvalidWardenPropertyException in the cause chain of " + context.getStartupFailure())
			.isNotNull();
		return (InvalidWardenPropertyException) failure;
	}

	/**
	 * Expects startup to fail on one property.
	 * @param <A> the kind of context
	 * @param property the property named
	 * @param value the value shown
	 * @param problem the problem
	 * @param action the fix
	 * @return the assertion
	 */
	static <A extends ApplicationContextAssertProvider<?>> ContextConsumer<A> failsWith(String property, String value,
			String problem, String action) {
		return (context) -> {
			InvalidWardenPropertyException failure = failure(context);
			assertThat(failure.getProperty()).isEqualTo(property);
			assertThat(String.valueOf(failure.getValue())).isEqualTo(value);
			assertThat(failure.getProblem()).isEqualTo(problem);
			assertThat(failure.getAction()).isEqualTo(action);
		};
	}

	/**
	 * Expects startup to fail because push is on with the application's own decoder.
	 * @param <A> the kind of context
	 * @return the assertion
	 */
	static <A extends ApplicationContextAssertProvider<?>> ContextConsumer<A> pushWithTheApplicationsOwnDecoder() {
		return failsWith("warden.revocation.push.enabled", "true",
				"the application's own JwtDecoder leaves Warden without the issuers' keys, so no pushed "
						+ "revocation could be verified.",
				"Let Warden build the decoder (remove the JwtDecoder bean), or set "
						+ "warden.revocation.push.enabled=false.");
	}

}
