package dev.warden.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import dev.warden.internal.Durations;
import dev.warden.internal.HttpUrls;
import dev.warden.internal.jwt.WardenJwtDecoder;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The trusted issuers as configured: {@code warden.issuer} (named {@code default}) and each of
 * {@code warden.issuers.<name>}, every setting an issuer leaves unset taken from {@code warden.*}.
 * Checked once, with the startup failures of docs/configuration.md.
 */
final class IssuerConfigurations {

	/**
	 * One trusted issuer's effective settings.
	 *
	 * @param name the configured name
	 * @param issuer the exact {@code iss}
	 * @param jwksUri the JWK set, or {@code null} to discover it
	 * @param audiences the audiences accepted (empty: any)
	 * @param clockSkew the clock skew
	 * @param algorithms the algorithms accepted
	 * @param jwks the JWKS settings
	 * @param scopeClaims the claims that carry scopes
	 * @param scopeDelimiters the characters that separate scopes
	 * @param introspection the introspection settings
	 * @param prefix where it is configured: {@code warden} for the shorthand, else
	 * {@code warden.issuers.<name>}
	 */
	record Issuer(String name, String issuer, URI jwksUri, Set<String> audiences, Duration clockSkew,
			List<JWSAlgorithm> algorithms, JwksProperties jwks, List<String> scopeClaims, String scopeDelimiters,
			IntrospectionProperties introspection, String prefix) {

		boolean introspects() {
			return this.introspection.getClientId() != null && !this.introspection.getClientId().isBlank();
		}

	}

	private final List<Issuer> issuers;

	private IssuerConfigurations(List<Issuer> issuers) {
		this.issuers = List.copyOf(issuers);
	}

	List<Issuer> all() {
		return this.issuers;
	}

	/**
	 * The configured names of the trusted issuers, read without resolving or checking anything:
	 * {@code default} when {@code warden.issuer} is set (or no issuer is named), then each key of
	 * {@code warden.issuers}.
	 * @param environment the environment
	 * @return the names
	 */
	static List<String> names(Environment environment) {
		Binder binder = Binder.get(environment);
		List<String> names = new ArrayList<>();
		List<String> named = new ArrayList<>();
		OnIntrospectionClientCondition.names(binder).forEach(named::add);
		String issuer = binder.bind("warden.issuer", String.class).orElse("");
		if (!issuer.isBlank() || named.isEmpty()) {
			names.add(WardenJwtDecoder.DEFAULT_ISSUER);
		}
		named.stream().filter((name) -> !names.contains(name)).forEach(names::add);
		return names;
	}

	/**
	 * The issuer that introspects opaque tokens (accept-opaque-tokens), if any.
	 * @return the issuer, or {@code null}
	 */
	Issuer opaqueTokens() {
		return this.issuers.stream().filter((issuer) -> issuer.introspection().isAcceptOpaqueTokens()).findFirst()
			.orElse(null);
	}

	/**
	 * Resolves and checks the issuers.
	 * @param properties the bound properties
	 * @param environment where to read the per-issuer settings from
	 * @return the issuers, the default one (if configured) first
	 * @throws InvalidWardenPropertyException when an issuer cannot work
	 */
	static IssuerConfigurations resolve(WardenProperties properties, Environment environment) {
		Binder binder = Binder.get(environment);
		List<Issuer> issuers = new ArrayList<>();
		boolean defaultConfigured = properties.getIssuer() != null && !properties.getIssuer().isBlank();
		if (defaultConfigured || properties.getIssuers().isEmpty()) {
			WardenPropertiesValidator.requireIssuer(properties);
			issuers.add(new Issuer(WardenJwtDecoder.DEFAULT_ISSUER, properties.getIssuer(), properties.getJwksUri(),
					audiences(properties.getAudiences()), properties.getClockSkew(),
					WardenPropertiesValidator.algorithms(properties.getAlgorithms()), properties.getJwks(),
					properties.getScopes().getClaims(), properties.getScopes().getDelimiters(),
					properties.getIntrospection(), "warden"));
		}
		List<InvalidWardenPropertyException.Violation> violations = new ArrayList<>();
		if (!defaultConfigured && !properties.getIssuers().isEmpty()) {
			orphans(properties, violations);
		}
		Map<String, String> seen = new HashMap<>();
		if (defaultConfigured) {
			seen.put(properties.getIssuer(), WardenJwtDecoder.DEFAULT_ISSUER);
		}
		for (Map.Entry<String, IssuerProperties> entry : properties.getIssuers().entrySet()) {
			String name = entry.getKey();
			IssuerProperties named = entry.getValue();
			String prefix = "warden.issuers." + name;
			if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
				violations.add(violation(prefix, name, "the name '" + name + "' is not lowercase letters, digits and '-'; "
						+ "it names the issuer in meters and health.", "Rename it, e.g. warden.issuers.partner."));
				continue;
			}
			if (name.equals(WardenJwtDecoder.DEFAULT_ISSUER) && defaultConfigured) {
				violations.add(violation(prefix, name, "the name 'default' belongs to the issuer of warden.issuer.",
						"Give this issuer another name, or configure it with warden.issuer only."));
				continue;
			}
			if (named.getIssuer() == null || named.getIssuer().isBlank()) {
				violations.add(violation(prefix + ".issuer", "", "the issuer is required: tokens are accepted only from it.",
						"Set " + prefix + ".issuer to the authorization server's issuer, exactly as it appears in "
								+ "the tokens' iss claim."));
				continue;
			}
			if (named.getJwksUri() == null && !HttpUrls.isHttp(uri(named.getIssuer()))) {
				violations.add(violation(prefix + ".issuer", named.getIssuer(), "it is not an absolute http(s) URI.",
						"Set " + prefix + ".issuer to the issuer's http(s) identifier, or set " + prefix
								+ ".jwks-uri so that no discovery is needed."));
			}
			if (named.getJwksUri() != null && !HttpUrls.isHttp(named.getJwksUri())) {
				violations.add(violation(prefix + ".jwks-uri", named.getJwksUri(), "it is not an absolute http(s) URI.",
						"Set " + prefix + ".jwks-uri to the http(s) address of the issuer's JWK set, or remove it to "
								+ "discover it from the issuer."));
			}
			String other = seen.putIfAbsent(named.getIssuer(), name);
			if (other != null) {
				violations.add(violation(prefix + ".issuer", named.getIssuer(),
						"the issuer is also configured as '" + other + "'; each authorization server is trusted once.",
						"Remove one of them, or correct the issuer."));
			}
			Set<String> audiences = audiences(named.getAudiences());
			if (audiences.isEmpty() && !named.isAllowAnyAudience()) {
				violations.add(violation(prefix + ".audiences", "[]",
						"no audience is configured, so a token this issuer made for any other service would be accepted.",
						"Set " + prefix + ".audiences to the audience(s) this service accepts from it, or opt out "
								+ "explicitly with " + prefix + ".allow-any-audience=true."));
			}
			JwksProperties jwks = layered(binder, "warden.jwks", prefix + ".jwks", new JwksProperties());
			IntrospectionProperties introspection = binder.bind("warden.introspection",
					Bindable.ofInstance(new IntrospectionProperties())).orElseGet(IntrospectionProperties::new);
			// an issuer's identity at its authorization server is its own: never another issuer's
			// endpoint, client or secret (a partner's tokens are not sent to the internal server)
			introspection.setUri(null);
			introspection.setClientId(null);
			introspection.setClientSecret(null);
			introspection.setAcceptOpaqueTokens(false);
			binder.bind(prefix + ".introspection", Bindable.ofInstance(introspection));
			if (introspection.getClientId() == null
					&& !binder.bind(prefix + ".introspection.enabled", Boolean.class).isBound()) {
				// warden.introspection.enabled applies to the issuers that have a client
				introspection.setEnabled(false);
			}
			Duration skew = (named.getClockSkew() != null) ? named.getClockSkew() : properties.getClockSkew();
			if (skew.isNegative() || skew.compareTo(WardenPropertiesValidator.MAX_CLOCK_SKEW) > 0) {
				violations.add(violation(prefix + ".clock-skew", Durations.format(skew),
						"the clock skew must be between 0s and 5m.",
						"Set " + prefix + ".clock-skew to a duration between 0s and 5m, e.g. 60s."));
			}
			List<String> algorithms = (named.getAlgorithms() != null) ? named.getAlgorithms() : properties.getAlgorithms();
			IssuerProperties.IssuerScopesProperties scopes = named.getScopes();
			issuers.add(new Issuer(name, named.getIssuer(), named.getJwksUri(), audiences, skew,
					WardenPropertiesValidator.algorithms(algorithms), jwks,
					(scopes.getClaims() != null) ? scopes.getClaims() : properties.getScopes().getClaims(),
					(scopes.getDelimiters() != null) ? scopes.getDelimiters() : properties.getScopes().getDelimiters(),
					introspection, prefix));
			try {
				new WardenPropertiesValidator(properties).validateIssuer(name, named, jwks, introspection);
			}
			catch (InvalidWardenPropertyException ex) {
				violations.addAll(ex.getViolations());
			}
		}
		List<String> opaque = issuers.stream()
			.filter((issuer) -> issuer.introspection().isAcceptOpaqueTokens())
			.map(Issuer::name)
			.toList();
		if (opaque.size() > 1) {
			String first = issuers.stream().filter((issuer) -> issuer.introspection().isAcceptOpaqueTokens())
				.findFirst().map(Issuer::prefix).orElse("warden");
			violations.add(violation(first + ".introspection.accept-opaque-tokens", true,
					"opaque tokens carry no iss, and " + opaque.size() + " issuers would introspect them: " + opaque + ".",
					"Set accept-opaque-tokens=true for the one issuer that issues opaque tokens, e.g. "
							+ "warden.issuers.<name>.introspection.accept-opaque-tokens=true, and not globally."));
		}
		if (!violations.isEmpty()) {
			throw new InvalidWardenPropertyException(violations);
		}
		return new IssuerConfigurations(issuers);
	}

	/**
	 * Settings of the issuer named {@code default} when only named issuers are configured: they
	 * would be silently ignored, so each one fails startup.
	 */
	private static void orphans(WardenProperties properties, List<InvalidWardenPropertyException.Violation> violations) {
		String problem = "it belongs to the issuer of warden.issuer, which is not set (only warden.issuers.<name> are).";
		String action = "Set warden.issuer, or move the setting under warden.issuers.<name>.";
		if (properties.getJwksUri() != null) {
			violations.add(violation("warden.jwks-uri", properties.getJwksUri(), problem, action));
		}
		if (!audiences(properties.getAudiences()).isEmpty()) {
			violations.add(violation("warden.audiences", audiences(properties.getAudiences()), problem, action));
		}
		IntrospectionProperties introspection = properties.getIntrospection();
		if (introspection.getUri() != null) {
			violations.add(violation("warden.introspection.uri", introspection.getUri(), problem, action));
		}
		if (introspection.getClientId() != null) {
			violations.add(violation("warden.introspection.client-id", introspection.getClientId(), problem, action));
		}
		if (introspection.getClientSecret() != null) {
			violations.add(violation("warden.introspection.client-secret", "(hidden)", problem, action));
		}
		if (introspection.isAcceptOpaqueTokens()) {
			violations.add(violation("warden.introspection.accept-opaque-tokens", true, problem, action));
		}
	}

	/** The values of {@code warden.*} under those an issuer sets itself. */
	private static <T> T layered(Binder binder, String shared, String own, T target) {
		binder.bind(shared, Bindable.ofInstance(target));
		binder.bind(own, Bindable.ofInstance(target));
		return target;
	}

	static Set<String> audiences(List<String> configured) {
		Set<String> audiences = new LinkedHashSet<>();
		for (String audience : configured) {
			if (audience != null && !audience.isBlank()) {
				audiences.add(audience.trim());
			}
		}
		return audiences;
	}

	private static URI uri(String value) {
		try {
			return URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			return URI.create("invalid:x");
		}
	}

	private static InvalidWardenPropertyException.Violation violation(String property, Object value, String problem,
			String action) {
		return new InvalidWardenPropertyException.Violation(property, String.valueOf(value), problem, action);
	}

}
