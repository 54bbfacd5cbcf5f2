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
 * {@link WithWardenIssuer} (or uses {@link WithJwt}): issuer, JWKS URI and audience of each shared
 * {@link WardenTestIssuer}, and its introspection endpoint and client when the test asks for them ({@code warden.*} for
 * the issuer named {@code default}, {@code warden.issuers.<name>.*} for the others). The customizer
 * is equal for equal declarations, so Spring caches and reuses those contexts, and the issuer lives as long as
 * the JVM.
 */
public class WardenContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		List<WithWardenIssuer> declared = WardenIssuerExtension.declared(testClass);
		if (!declared.isEmpty()) {
			return new IssuerProperties(declared.stream().map((annotation) -> new Issuer(annotation.name(),
					annotation.audience(), annotation.introspection())).toList());
		}
		String audience = withJwtAudience(testClass);
		return (audience != null) ? new IssuerProperties(List.of(new Issuer("default", audience, false))) : null;
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

	/**
	 * One declared issuer.
	 *
	 * @param name its configured name
	 * @param audience its audience
	 * @param introspection whether the kit supplies the introspection client
	 */
	record Issuer(String name, String audience, boolean introspection) {
	}

	/** The properties of the declared issuers; equal for equal declarations. */
	record IssuerProperties(List<Issuer> issuers) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			Map<String, Object> properties = new LinkedHashMap<>();
			for (Issuer declared : this.issuers) {
				WardenTestIssuer issuer = WardenTestIssuer.shared(declared.name(), declared.audience());
				String prefix = declared.name().equals("default") ? "warden." : "warden.issuers." + declared.name() + ".";
				properties.put(prefix + "issuer", issuer.issuer());
				properties.put(prefix + "jwks-uri", issuer.jwksUri().toString());
				properties.put(prefix + "audiences", issuer.audience());
				if (declared.introspection()) {
					properties.put(prefix + "introspection.uri", issuer.introspectionUri().toString());
					properties.put(prefix + "introspection.client-id", issuer.clientId());
					properties.put(prefix + "introspection.client-secret", issuer.clientSecret());
				}
				context.getBeanFactory()
					.registerSingleton(declared.name().equals("default") ? "wardenTestIssuer"
							: "wardenTestIssuer." + declared.name(), issuer);
			}
			// below the test's own inlined properties (@SpringBootTest(properties = ...)), above the rest
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			MapPropertySource issuerProperties = new MapPropertySource("wardenTestIssuer", properties);
			if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, issuerProperties);
			}
			else {
				sources.addFirst(issuerProperties);
			}
		}

	}

}
