package dev.warden.internal.metrics;

import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.warden.internal.scope.EndpointRequirement;
import dev.warden.introspection.IntrospectionListener;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under a Turkish default locale, {@code "I".toLowerCase()} is a dotless {@code ı}: every tag and
 * name Warden derives from an enum must still be plain ASCII ({@code Locale.ROOT}).
 */
class TurkishLocaleTest {

	private Locale previous;

	@BeforeEach
	void turkish() {
		this.previous = Locale.getDefault();
		Locale.setDefault(Locale.forLanguageTag("tr-TR"));
	}

	@AfterEach
	void restore() {
		Locale.setDefault(this.previous);
	}

	@Test
	void theLocaleReallyChangesLowerCasing() {
		assertThat("CLIENT_REJECTED".toLowerCase()).as("the premise of this test").isEqualTo("clıent_rejected");
	}

	@Test
	void meterTagsStayAscii() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new WardenMetrics(registry, Clock.systemUTC());
		Set<String> tags = new TreeSet<>();
		for (Meter meter : registry.getMeters()) {
			meter.getId().getTags().forEach((tag) -> tags.add(tag.getValue()));
		}
		assertThat(tags).contains("client_rejected", "invalid_binding", "timeout")
			.allSatisfy((tag) -> assertThat(tag).matches("[\\x20-\\x7e]*"));
		assertThat(IntrospectionListener.Outcome.values()).allSatisfy((outcome) -> assertThat(
				registry.find("warden.introspection.calls").tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).timer())
			.isNotNull());
	}

	@Test
	void theInventoryDescribesRulesInAscii() {
		assertThat(EndpointRequirement.Rule.values())
			.allSatisfy((rule) -> assertThat(rule.name().toLowerCase(Locale.ROOT)).matches("[a-z_]+"));
	}

}
