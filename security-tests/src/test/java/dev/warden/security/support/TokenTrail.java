package dev.warden.security.support;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every token a test sent, and the check that none of it reached the log: not the token, not its
 * payload segment, not its signature segment (docs/security-model.md, "The token never leaks").
 * Fragments shorter than {@value #MIN_FRAGMENT} characters are not checked (they could occur by
 * chance).
 */
public final class TokenTrail {

	static final int MIN_FRAGMENT = 16;

	private final Set<String> fragments = ConcurrentHashMap.newKeySet();

	/** Remembers a token (or any other text that must not be logged). */
	public void remember(String token) {
		if (token == null) {
			return;
		}
		add(token);
		String[] parts = token.split("\\.", -1);
		if (parts.length >= 3) {
			for (int i = 1; i < parts.length; i++) {
				add(parts[i]);
			}
		}
	}

	/** Remembers text that must not be logged as it is (e.g. a hostile kid). */
	public void secret(String text) {
		add(text);
	}

	private void add(String fragment) {
		if (fragment.length() >= MIN_FRAGMENT) {
			this.fragments.add(fragment);
		}
	}

	/** Fails if any remembered fragment appears in the output. */
	public void assertNotIn(CapturedOutput output) {
		String all = output.getAll();
		Set<String> leaked = new LinkedHashSet<>();
		for (String fragment : this.fragments) {
			if (all.contains(fragment)) {
				leaked.add(fragment);
			}
		}
		assertThat(leaked).as("token text found in the log output").isEmpty();
	}

}
