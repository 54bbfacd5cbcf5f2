package dev.warden.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Real HTTP requests to the application under test: the JDK client for ordinary requests, and a
 * raw socket for requests the JDK client refuses to send (several Authorization headers, odd
 * spacing).
 */
public final class Http {

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final int port;

	public Http(int port) {
		this.port = port;
	}

	public Answer get(String path, String token) {
		return send("GET", path, token, null, null);
	}

	public Answer send(String method, String path, String token, String contentType, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Map<String, List<String>> headers = new LinkedHashMap<>();
			response.headers().map().forEach((name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT),
					(key) -> new ArrayList<>()).addAll(values));
			return new Answer(response.statusCode(), headers, response.body());
		}
		catch (HttpTimeoutException ex) {
			// the server under test runs in this JVM: say where its threads are
			throw new IllegalStateException(method + " " + path + ": no answer within 10s; the threads now:\n"
					+ threadDump(), ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String threadDump() {
		StringBuilder dump = new StringBuilder();
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
			for (StackTraceElement frame : stack) {
				dump.append("\tat ").append(frame).append('\n');
			}
		});
		return dump.toString();
	}

	/** Sends {@code GET path} with exactly these extra header lines. */
	public Answer raw(String path, List<String> headerLines) {
		return raw(path, headerLines, "GET");
	}

	/** Sends {@code METHOD path} with exactly these extra header lines. */
	public Answer raw(String path, List<String> headerLines, String method) {
		StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream buffer = new ByteArrayOutputStream();
			in.transferTo(buffer);
			return Answer.parse(buffer.toString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the status
	 * @param headerValues every value of every header, by lower-case name, in the order received
	 * (one entry per header line)
	 * @param body the body
	 */
	public record Answer(int status, Map<String, List<String>> headerValues, String body) {

		/**
		 * The first value of a header; see {@link #headers(String)} for all of them.
		 * @param name the header's name, in any case
		 * @return the value, or {@code null}
		 */
		public String header(String name) {
			List<String> values = headers(name);
			return values.isEmpty() ? null : values.get(0);
		}

		/**
		 * Every value of a header, one per header line: a second, conflicting line shows up here.
		 * @param name the header's name, in any case
		 * @return the values, empty if there are none
		 */
		public List<String> headers(String name) {
			return this.headerValues.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

		/**
		 * The headers, the values of each joined with {@code " | "}, for messages and leak checks.
		 * @return the headers
		 */
		public Map<String, String> headers() {
			Map<String, String> first = new LinkedHashMap<>();
			this.headerValues.forEach((name, values) -> first.put(name, String.join(" | ", values)));
			return first;
		}

		static Answer parse(String raw) {
			int headerEnd = raw.indexOf("\r\n\r\n");
			String[] lines = raw.substring(0, headerEnd).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
			String body = raw.substring(headerEnd + 4);
			if (headers.getOrDefault("transfer-encoding", List.of()).stream().anyMatch("chunked"::equalsIgnoreCase)) {
				body = dechunk(body);
			}
			return new Answer(status, headers, body);
		}

		private static String dechunk(String body) {
			StringBuilder out = new StringBuilder();
			int i = 0;
			while (i < body.length()) {
				int lineEnd = body.indexOf("\r\n", i);
				int size = Integer.parseInt(body.substring(i, lineEnd).trim(), 16);
				if (size == 0) {
					break;
				}
				out.append(body, lineEnd + 2, lineEnd + 2 + size);
				i = lineEnd + 2 + size + 2;
			}
			return out.toString();
		}

	}

}
