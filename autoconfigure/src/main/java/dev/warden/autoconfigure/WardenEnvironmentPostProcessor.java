package dev.warden.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults Warden needs from the rest of the application, each overridable:
 * <ul>
 * <li>its {@code DEGRADED} health status, in the status order between {@code OUT_OF_SERVICE} and
 * {@code UP}, and mapped to HTTP 200 (the service still answers while it serves last-known
 * keys);</li>
 * <li>Tomcat's "Error parsing HTTP request header" line at {@code WARN}: at {@code INFO} Tomcat
 * logs the offending header line verbatim, and a malformed {@code Authorization} header would put
 * a bearer token into the log.</li>
 * </ul>
 */
class WardenEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String ORDER = "management.endpoint.health.status.order";

	static final String MAPPING = "management.endpoint.health.status.http-mapping.degraded";

	static final String TOMCAT_HEADER_ERRORS = "logging.level.org.apache.coyote.http11.Http11Processor";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		putIfAbsent(environment, defaults, ORDER, "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN");
		putIfAbsent(environment, defaults, MAPPING, "200");
		putIfAbsent(environment, defaults, TOMCAT_HEADER_ERRORS, "WARN");
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("wardenDefaults", defaults));
		}
	}

	private static void putIfAbsent(ConfigurableEnvironment environment, Map<String, Object> defaults, String name,
			String value) {
		if (!environment.containsProperty(name)) {
			defaults.put(name, value);
		}
	}

}
