package dev.warden.test;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Sets {@code warden.*} properties before a test context starts when the test class carries
 * {@link WithWardenIssuer} (or uses {@link WithJwt}): issuer, JWKS URI, audience and the
 * introspection endpoint and client of the shared {@link WardenTestIssuer}. The customizer is equal
 * for equal audiences, so Spring caches and reuses those contexts, and the issuer lives as long as
 * the JVM.
 */
public class WardenContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		WithWardenIssuer annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				WithWardenIssuer.class);
		if (annotation != null) {
			return new IssuerProperties(annotation.audience());
		}
		String audience = withJwtAudience(testClass);
		return (audience != null) ? new IssuerProperties(audience) : null;
	}

	private static String withJwtAudience(Class<?> testClass) {
		WithJwt onClass = TestContextAnnotationUtils.findMergedAnnotation(testClass, WithJwt.class);
		if (onClass != null) {
			return onClass.audience();
		}
		for (Method method : testClass.getDeclaredMethods()) {
			WithJwt onMethod = MergedAnnotations.from(method).get(WithJwt.class).synthesize(
					(candidate) -> candidate.isPresent()).orElse(null);
			if (onMethod != null) {
				return onMethod.audience();
			}
		}
		return null;
	}

	/** The properties of the issuer for one audience. */
	record IssuerProperties(String audience) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			WardenTestIssuer issuer = WardenTestIssuer.shared(this.audience);
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("warden.issuer", issuer.issuer());
			properties.put("warden.jwks-uri", issuer.jwksUri().toString());
			properties.put("warden.audiences", issuer.audience());
			properties.put("warden.introspection.uri", issuer.introspectionUri().toString());
			properties.put("warden.introspection.client-id", issuer.clientId());
			properties.put("warden.introspection.client-secret", issuer.clientSecret());
			// below the test's own inlined properties (@SpringBootTest(properties = ...)), above the rest
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			MapPropertySource issuerProperties = new MapPropertySource("wardenTestIssuer", properties);
			if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, issuerProperties);
			}
			else {
				sources.addFirst(issuerProperties);
			}
			context.getBeanFactory().registerSingleton("wardenTestIssuer", issuer);
		}

	}

}
