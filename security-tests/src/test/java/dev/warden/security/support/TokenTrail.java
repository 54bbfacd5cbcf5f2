package dev.warden.security.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

	/**
	 * Remembers a token (or any other text that must not be logged): its payload and signature
	 * segments, or the whole text when it has no such segment long enough to check (a leak of the
	 * whole token is a leak of its segments, so the segments are enough and take half the memory of
	 * the tens of thousands of tokens a fuzz test sends).
	 */
	public void remember(String token) {
		if (token == null) {
			return;
		}
		boolean segment = false;
		String[] parts = token.split("\\.", -1);
		if (parts.length >= 3) {
			for (int i = 1; i < parts.length; i++) {
				segment |= add(parts[i]);
			}
		}
		if (!segment) {
			add(token);
		}
	}

	/** Remembers text that must not be logged as it is (e.g. a hostile kid). */
	public void secret(String text) {
		add(text);
	}

	private boolean add(String fragment) {
		if (fragment.length() >= MIN_FRAGMENT) {
			this.fragments.add(fragment);
			return true;
		}
		return false;
	}

	/**
	 * Fails if any remembered fragment appears in the output. One pass over the output, looking
	 * each {@value #MIN_FRAGMENT}-character window up among the fragments' beginnings, so that the
	 * tens of thousands of tokens a fuzz test sends can all be checked against a large log.
	 */
	public void assertNotIn(CapturedOutput output) {
		assertThat(leakedInto(output.getAll())).as("token text found in the log output").isEmpty();
	}

	/** The remembered fragments that occur in this text. */
	Set<String> leakedInto(String text) {
		Map<String, List<String>> byBeginning = new HashMap<>();
		for (String fragment : this.fragments) {
			byBeginning.computeIfAbsent(fragment.substring(0, MIN_FRAGMENT), (key) -> new ArrayList<>()).add(fragment);
		}
		Set<String> leaked = new LinkedHashSet<>();
		for (int i = 0; i + MIN_FRAGMENT <= text.length(); i++) {
			List<String> candidates = byBeginning.get(text.substring(i, i + MIN_FRAGMENT));
			if (candidates != null) {
				for (String fragment : candidates) {
					if (text.startsWith(fragment, i)) {
						leaked.add(fragment);
					}
				}
			}
		}
		return leaked;
	}

	/** How many distinct fragments are remembered. */
	public int size() {
		return this.fragments.size();
	}

}
