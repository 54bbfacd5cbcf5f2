package dev.warden.test;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * JUnit extension behind {@link WithWardenIssuer}: injects the shared {@link WardenTestIssuer} into
 * test methods and resets its failure switches before each test. (Properties are set earlier, by
 * {@link WardenContextCustomizerFactory}, because an extension runs too late to configure a Spring
 * context.)
 */
public class WardenIssuerExtension implements ParameterResolver, BeforeEachCallback {

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == WardenTestIssuer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return issuer(extensionContext);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		issuer(context).reset();
	}

	private static WardenTestIssuer issuer(ExtensionContext context) {
		WithWardenIssuer annotation = TestContextAnnotationUtils.findMergedAnnotation(context.getRequiredTestClass(),
				WithWardenIssuer.class);
		return WardenTestIssuer.shared((annotation != null) ? annotation.audience() : "test-api");
	}

}
