package dev.warden.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Registers Warden's {@code DEGRADED} health status with Actuator, as defaults the application can
 * override: in the status order between {@code OUT_OF_SERVICE} and {@code UP}, and mapped to HTTP
 * 200 (the service still answers while it serves last-known keys).
 */
class WardenHealthEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String ORDER = "management.endpoint.health.status.order";

	static final String MAPPING = "management.endpoint.health.status.http-mapping.degraded";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (!environment.containsProperty(ORDER)) {
			defaults.put(ORDER, "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN");
		}
		if (!environment.containsProperty(MAPPING)) {
			defaults.put(MAPPING, "200");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("wardenHealthDefaults", defaults));
		}
	}

}
