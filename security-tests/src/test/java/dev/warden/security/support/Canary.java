package dev.warden.security.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that no request of the application under test may ever reach: it counts
 * every TCP connection accepted (not only complete HTTP requests), and answers whatever arrives
 * with an attacker's JWK set, so that a client that did follow a URL would be "rewarded".
 */
public final class Canary implements Closeable {

	private final ServerSocket socket;

	private final AtomicInteger connections = new AtomicInteger();

	private final Thread acceptor;

	private volatile String answer = "{\"keys\":[]}";

	public Canary() {
		try {
			this.socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.acceptor = new Thread(this::accept, "canary-" + this.socket.getLocalPort());
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				this.connections.incrementAndGet();
				client.setSoTimeout(500);
				byte[] body = this.answer.getBytes(StandardCharsets.UTF_8);
				OutputStream out = client.getOutputStream();
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
						+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// closed, or the client went away
			}
		}
	}

	/** What the canary answers (e.g. the attacker's JWKS). */
	public void answer(String json) {
		this.answer = json;
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.socket.getLocalPort() + path;
	}

	public int connections() {
		return this.connections.get();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// ignore
		}
	}

}
