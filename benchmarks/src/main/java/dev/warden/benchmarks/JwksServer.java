package dev.warden.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves one JWKS document at {@code GET /jwks.json} on 127.0.0.1, with the JDK's HTTP server, and
 * an RFC 7662 introspection endpoint at {@code POST /introspect} that answers every token
 * {@code {"active":true}} (the introspecting server then takes the token's own {@code exp}), for
 * measuring a resource server with live checks on.
 */
public final class JwksServer implements AutoCloseable {

	/** The path of the JWKS document. */
	public static final String PATH = "/jwks.json";

	/** The path of the introspection endpoint. */
	public static final String INTROSPECTION_PATH = "/introspect";

	private static final byte[] ACTIVE = "{\"active\":true}".getBytes(StandardCharsets.UTF_8);

	private final AtomicLong introspections = new AtomicLong();

	private final HttpServer server;

	private final AtomicLong fetches = new AtomicLong();

	/**
	 * Starts a server.
	 * @param port the port, or 0 for any free one
	 * @param jwksJson the JWKS document
	 */
	public JwksServer(int port, String jwksJson) {
		byte[] body = jwksJson.getBytes(StandardCharsets.UTF_8);
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, ex);
		}
		this.server.createContext("/", (exchange) -> respond(exchange, body));
		this.server.start();
	}

	private void respond(HttpExchange exchange, byte[] body) throws IOException {
		try (exchange) {
			if (exchange.getRequestMethod().equals("POST")
					&& exchange.getRequestURI().getPath().equals(INTROSPECTION_PATH)) {
				exchange.getRequestBody().readAllBytes();
				this.introspections.incrementAndGet();
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, ACTIVE.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(ACTIVE);
				}
				return;
			}
			if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals(PATH)) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			this.fetches.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	/**
	 * The address of the JWKS document.
	 * @return {@code http://127.0.0.1:PORT/jwks.json}
	 */
	public URI jwksUri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + PATH);
	}

	/**
	 * The address of the introspection endpoint.
	 * @return {@code http://127.0.0.1:PORT/introspect}
	 */
	public URI introspectionUri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + INTROSPECTION_PATH);
	}

	/**
	 * How many introspection requests were answered.
	 * @return the count
	 */
	public long introspections() {
		return this.introspections.get();
	}

	/**
	 * How many times the document was fetched.
	 * @return the count
	 */
	public long fetches() {
		return this.fetches.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
