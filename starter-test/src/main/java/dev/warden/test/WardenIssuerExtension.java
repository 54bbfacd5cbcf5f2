package dev.warden.test;

import java.util.List;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * JUnit extension behind {@link WithWardenIssuer}: injects the shared {@link WardenTestIssuer}s into
 * test methods ({@link NamedIssuer} picks one of several) and resets their failure switches before
 * each test. (Properties are set earlier, by {@link WardenContextCustomizerFactory}, because an
 * extension runs too late to configure a Spring context.)
 */
public class WardenIssuerExtension implements ParameterResolver, BeforeEachCallback {

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == WardenTestIssuer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		List<WithWardenIssuer> declared = declared(extensionContext.getRequiredTestClass());
		String name = parameterContext.findAnnotation(NamedIssuer.class).map(NamedIssuer::value).orElse(null);
		if (name == null) {
			WithWardenIssuer chosen = declared.stream()
				.filter((annotation) -> annotation.name().equals("default"))
				.findFirst()
				.orElse(declared.isEmpty() ? null : declared.get(0));
			return (chosen != null) ? issuer(chosen) : WardenTestIssuer.shared("test-api");
		}
		return declared.stream()
			.filter((annotation) -> annotation.name().equals(name))
			.findFirst()
			.map(WardenIssuerExtension::issuer)
			.orElseThrow(() -> new ParameterResolutionException("No @WithWardenIssuer(name = \"" + name
					+ "\") on " + extensionContext.getRequiredTestClass().getName()));
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		declared(context.getRequiredTestClass()).forEach((annotation) -> issuer(annotation).reset());
	}

	/**
	 * The issuers a test class declares, in order.
	 * @param testClass the test class
	 * @return the declarations
	 */
	static List<WithWardenIssuer> declared(Class<?> testClass) {
		return MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
			.stream(WithWardenIssuer.class)
			.map((annotation) -> annotation.synthesize())
			.toList();
	}

	static WardenTestIssuer issuer(WithWardenIssuer annotation) {
		return WardenTestIssuer.shared(annotation.name(), annotation.audience());
	}

}
