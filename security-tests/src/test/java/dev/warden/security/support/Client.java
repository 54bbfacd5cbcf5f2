package dev.warden.security.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.warden.test.Http;

/**
 * Sends requests to the application under test over real HTTP (raw sockets, so any byte can be
 * sent) and remembers every credential it sent, for the log check at the end of each test.
 */
public final class Client {

	private final Http http;

	private final TokenTrail trail;

	public Client(int port, TokenTrail trail) {
		this.http = new Http(port);
		this.trail = trail;
	}

	/** {@code GET path} with {@code Authorization: Bearer token}. */
	public Reply bearer(String path, String token) {
		this.trail.remember(token);
		return timed(token, () -> this.http.raw(path, List.of("Authorization: Bearer " + token)));
	}

	/** {@code GET path} with exactly these header lines. */
	public Reply raw(String path, List<String> headerLines) {
		return raw("GET", path, headerLines);
	}

	/** {@code METHOD path} with exactly these header lines. */
	public Reply raw(String method, String path, List<String> headerLines) {
		for (String line : headerLines) {
			if (line.regionMatches(true, 0, "Authorization:", 0, "Authorization:".length())) {
				String value = line.substring("Authorization:".length()).trim();
				int space = value.indexOf(' ');
				this.trail.remember((space > 0) ? value.substring(space + 1).trim() : value);
			}
		}
		return timed(String.join("\n", headerLines), () -> this.http.raw(path, new ArrayList<>(headerLines), method));
	}

	/** A request through the JDK client, e.g. with a body. */
	public Reply send(String method, String path, String token, String contentType, String body) {
		if (token != null) {
			this.trail.remember(token);
		}
		return timed(token, () -> this.http.send(method, path, token, contentType, body));
	}

	public Reply get(String path) {
		return timed(null, () -> this.http.get(path, null));
	}

	private static Reply timed(String credential, java.util.function.Supplier<Http.Answer> call) {
		long start = System.nanoTime();
		Http.Answer answer = call.get();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		return new Reply(answer.status(), answer.headerValues(), answer.body(), elapsed, credential);
	}

}
