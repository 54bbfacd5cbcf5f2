package dev.warden.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the Debian package) on a random loopback port, started and stopped
 * by a test: no persistence, no other client. It can be killed and started again on the same port
 * (an outage that loses Redis's memory), or frozen with {@code SIGSTOP} (a Redis that hangs).
 */
public final class RedisServer implements AutoCloseable {

	private final int port;

	private final Path directory;

	private Process process;

	private RedisServer(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Starts a server on a free loopback port.
	 * @return the running server
	 */
	public static RedisServer start() {
		try {
			RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("warden-redis"));
			server.startProcess();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The server's port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/** Starts the server again on the same port, empty. */
	public synchronized void restart() {
		stopProcess();
		startProcess();
	}

	/** Kills the server: clients see connections refused until {@link #restart()}. */
	public synchronized void kill() {
		stopProcess();
	}

	/** Freezes the server: connections stay open and nothing answers until {@link #resume()}. */
	public synchronized void freeze() {
		signal("STOP");
	}

	/** Lets a frozen server answer again. */
	public synchronized void resume() {
		signal("CONT");
	}

	/**
	 * Sends one command and reads the first line of the answer (RESP), for tests that look into
	 * Redis directly.
	 * @param args the command and its arguments
	 * @return the first line of the answer
	 */
	public String command(String... args) {
		StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
		for (String arg : args) {
			byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
			request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
		}
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = in.read()) != -1 && c != '\n') {
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void startProcess() {
		String binary = binary();
		try {
			this.process = new ProcessBuilder(List.of(binary, "--port", String.valueOf(this.port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--dir", this.directory.toString(), "--loglevel", "warning"))
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + binary, ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if ("+PONG".equals(command("PING"))) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				// not listening yet
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IllegalStateException("redis-server did not answer on port " + this.port);
	}

	private void stopProcess() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	private void signal(String name) {
		try {
			new ProcessBuilder("kill", "-" + name, String.valueOf(this.process.pid())).start().waitFor(5, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String binary() {
		for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(":")) {
				Path candidate = Path.of(dir, "redis-server");
				if (Files.isExecutable(candidate)) {
					return candidate.toString();
				}
			}
		}
		throw new IllegalStateException("redis-server is not installed: the tests of shared state run a real Redis. "
				+ "Install the Debian package (apt-get install redis-server); scripts/test.sh does it.");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		stopProcess();
	}

}
