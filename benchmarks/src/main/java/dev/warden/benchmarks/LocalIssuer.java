package dev.warden.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The issuer side of the HTTP benchmark: serves a JWKS and an introspection endpoint that finds
 * every token active ({@link JwksServer}) on 127.0.0.1, and writes pre-minted access tokens for
 * {@code wrk}.
 * <p>
 * Arguments (all optional): {@code --port 0} (0 = any free port), {@code --alg RS256} (or ES256),
 * {@code --tokens 20000} (distinct tokens for the fresh-token scenario), {@code --parts 1} (how many
 * files to split them into, one per {@code wrk} thread), {@code --out target/http} and
 * {@code --max-seconds 3600} (stops by itself after that long, in case its parent died).
 * <p>
 * Writes {@code OUT/token.txt} (the reused token), {@code OUT/tokens-1.txt} … {@code tokens-P.txt}
 * (the distinct tokens, one a line, token {@code i} in part {@code i mod P}; none equals the reused
 * one) and {@code OUT/issuer.env} ({@code ISSUER}, {@code JWKS_URI}, {@code INTROSPECTION_URI},
 * {@code AUDIENCE}, {@code ALG}, {@code TOKENS}), then prints {@code READY <jwks-uri>} and serves until stopped.
 * Tokens carry {@code iss}, {@code sub}, {@code aud=[orders-api]}, {@code scope=orders:read},
 * {@code client_id}, {@code iat}, {@code exp} (24 h) and a unique {@code jti}; header {@code typ=JWT}.
 */
public final class LocalIssuer {

	private LocalIssuer() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int port = Integer.parseInt(options.getOrDefault("port", "0"));
		String alg = options.getOrDefault("alg", "RS256");
		int count = Integer.parseInt(options.getOrDefault("tokens", "20000"));
		int parts = Integer.parseInt(options.getOrDefault("parts", "1"));
		Path out = Path.of(options.getOrDefault("out", "target/http"));
		long maxSeconds = Long.parseLong(options.getOrDefault("max-seconds", "3600"));

		long start = System.nanoTime();
		TokenFixtures fixtures = TokenFixtures.load(TokenFixtures.defaultDirectory(), alg, count);
		System.err.printf("LocalIssuer: %d %s tokens ready in %.1f s (valid until %s)%n", count, alg,
				(System.nanoTime() - start) / 1e9, fixtures.expiresAt());

		Files.createDirectories(out);
		Files.writeString(out.resolve("token.txt"), fixtures.reused() + "\n", StandardCharsets.US_ASCII);
		List<String> distinct = fixtures.distinct();
		for (int part = 0; part < parts; part++) {
			List<String> lines = new ArrayList<>(distinct.size() / parts + 1);
			for (int i = part; i < distinct.size(); i += parts) {
				lines.add(distinct.get(i));
			}
			Files.write(out.resolve("tokens-" + (part + 1) + ".txt"), lines, StandardCharsets.US_ASCII);
		}

		JwksServer server = new JwksServer(port, fixtures.jwksJson());
		CountDownLatch stop = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			System.err.println("LocalIssuer: stopped; the JWKS was fetched " + server.fetches()
					+ " time(s), the introspection endpoint called " + server.introspections() + " time(s)");
		}));
		Files.write(out.resolve("issuer.env"),
				List.of("ISSUER=" + TokenFixtures.ISSUER, "JWKS_URI=" + server.jwksUri(),
						"INTROSPECTION_URI=" + server.introspectionUri(), "AUDIENCE=" + TokenFixtures.AUDIENCE,
						"ALG=" + alg, "TOKENS=" + count),
				StandardCharsets.US_ASCII);
		System.out.println("READY " + server.jwksUri());
		System.out.flush();
		if (!stop.await(maxSeconds, TimeUnit.SECONDS)) {
			System.err.println("LocalIssuer: --max-seconds " + maxSeconds + " reached, stopping");
		}
		System.exit(0);
	}

	private static Map<String, String> options(String[] args) throws IOException {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IOException("Unexpected argument " + arg);
			}
			int equals = arg.indexOf('=');
			if (equals > 0) {
				options.put(arg.substring(2, equals), arg.substring(equals + 1));
			}
			else if (i + 1 < args.length) {
				options.put(arg.substring(2), args[++i]);
			}
			else {
				throw new IOException("Missing value for " + arg);
			}
		}
		return options;
	}

}
