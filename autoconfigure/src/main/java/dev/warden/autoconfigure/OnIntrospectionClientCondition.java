package dev.warden.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when some trusted issuer has an introspection client: {@code warden.introspection.client-id}
 * or {@code warden.issuers.<name>.introspection.client-id}.
 */
class OnIntrospectionClientCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		if (binder.bind("warden.introspection.client-id", String.class).isBound()) {
			return ConditionOutcome.match("warden.introspection.client-id is set");
		}
		for (String name : names(binder)) {
			if (binder.bind("warden.issuers." + name + ".introspection.client-id", String.class).isBound()) {
				return ConditionOutcome.match("warden.issuers." + name + ".introspection.client-id is set");
			}
		}
		return ConditionOutcome.noMatch("no warden.introspection.client-id, global or per issuer");
	}

	static Iterable<String> names(Binder binder) {
		return binder.bind("warden.issuers", Bindable.mapOf(String.class, IssuerProperties.class))
			.orElse(Map.of())
			.keySet();
	}

	/**
	 * Matches when some trusted issuer accepts opaque tokens.
	 */
	static class OpaqueTokens extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Binder binder = Binder.get(context.getEnvironment());
			if (binder.bind("warden.introspection.accept-opaque-tokens", Boolean.class).orElse(false)) {
				return ConditionOutcome.match("warden.introspection.accept-opaque-tokens is true");
			}
			for (String name : names(binder)) {
				if (binder.bind("warden.issuers." + name + ".introspection.accept-opaque-tokens", Boolean.class)
					.orElse(false)) {
					return ConditionOutcome.match("warden.issuers." + name + ".introspection.accept-opaque-tokens is true");
				}
			}
			return ConditionOutcome.noMatch("no issuer accepts opaque tokens");
		}

	}

}
