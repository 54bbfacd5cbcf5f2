package dev.warden.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A signing key and a set of distinct, valid access tokens signed with it, shared by the JMH
 * benchmarks and {@link LocalIssuer}.
 * <p>
 * Signing 20,000 RS256 tokens takes tens of seconds on two cores, and every JMH fork would pay
 * it again, so a set is written to a directory (the system property {@code warden.bench.fixtures},
 * by default {@code warden-bench-fixtures} in the temporary directory) and reused while its tokens
 * stay valid for at least {@link #MIN_REMAINING}; a smaller set is taken from a larger stored one.
 * The key is a throwaway benchmark key.
 */
public final class TokenFixtures {

	/** The {@code iss} of every token; never contacted (the JWKS URI is configured directly). */
	public static final String ISSUER = "https://issuer.warden-bench.invalid";

	/** The {@code aud} of every token, and the audience both servers accept. */
	public static final String AUDIENCE = "orders-api";

	/** The scope of every token: enough for {@code GET /api/orders}. */
	public static final String SCOPE = "orders:read";

	/** How long minted tokens are valid. */
	static final Duration LIFETIME = Duration.ofHours(24);

	/** A stored set is minted again when its tokens expire sooner than this. */
	static final Duration MIN_REMAINING = Duration.ofHours(3);

	private static final String FORMAT = "warden-bench-fixtures v1";

	private final JWK signingKey;

	private final List<String> tokens;

	private final Instant expiresAt;

	private TokenFixtures(JWK signingKey, List<String> tokens, Instant expiresAt) {
		this.signingKey = signingKey;
		this.tokens = tokens;
		this.expiresAt = expiresAt;
	}

	/**
	 * The public half of the signing key.
	 * @return the public JWK
	 */
	public JWK publicKey() {
		return this.signingKey.toPublicJWK();
	}

	/**
	 * The JWKS document that publishes the public key.
	 * @return the JWKS as JSON
	 */
	public String jwksJson() {
		return new JWKSet(publicKey()).toString(true);
	}

	/**
	 * {@code count} distinct tokens, none of them equal to {@link #reused()}.
	 * @return the tokens
	 */
	public List<String> distinct() {
		return this.tokens.subList(0, this.tokens.size() - 1);
	}

	/**
	 * One more token, for the repeated-token measurements.
	 * @return the token
	 */
	public String reused() {
		return this.tokens.get(this.tokens.size() - 1);
	}

	/**
	 * When the tokens expire.
	 * @return their {@code exp}
	 */
	public Instant expiresAt() {
		return this.expiresAt;
	}

	/**
	 * The default directory for stored sets.
	 * @return the directory
	 */
	public static Path defaultDirectory() {
		String configured = System.getProperty("warden.bench.fixtures");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "warden-bench-fixtures");
	}

	/**
	 * Loads a stored set of {@code count} distinct tokens (plus the reused one) for the algorithm,
	 * or mints and stores one.
	 * @param directory where sets are stored, or {@code null} to mint without storing
	 * @param algorithm RS256 or ES256
	 * @param count how many distinct tokens
	 * @return the set
	 */
	public static TokenFixtures load(Path directory, String algorithm, int count) {
		JWSAlgorithm alg = algorithm(algorithm);
		if (directory == null) {
			return mint(alg, count);
		}
		String prefix = alg.getName().toLowerCase(Locale.ROOT) + "-";
		Path file = directory.resolve(prefix + count + ".txt");
		TokenFixtures stored = read(file, count);
		if (stored != null) {
			return stored;
		}
		for (int larger : storedCounts(directory, prefix)) {
			if (larger > count) {
				TokenFixtures bigger = read(directory.resolve(prefix + larger + ".txt"), larger);
				if (bigger != null) {
					List<String> subset = new ArrayList<>(bigger.tokens.subList(0, count));
					subset.add(bigger.reused());
					return new TokenFixtures(bigger.signingKey, List.copyOf(subset), bigger.expiresAt);
				}
			}
		}
		TokenFixtures minted = mint(alg, count);
		write(file, minted);
		return minted;
	}

	private static List<Integer> storedCounts(Path directory, String prefix) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (var files = Files.list(directory)) {
			return files.map((path) -> path.getFileName().toString())
				.filter((name) -> name.startsWith(prefix) && name.endsWith(".txt"))
				.map((name) -> name.substring(prefix.length(), name.length() - 4))
				.filter((number) -> number.matches("[0-9]{1,9}"))
				.map(Integer::valueOf)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	static JWSAlgorithm algorithm(String name) {
		JWSAlgorithm alg = JWSAlgorithm.parse(name);
		if (!alg.equals(JWSAlgorithm.RS256) && !alg.equals(JWSAlgorithm.ES256)) {
			throw new IllegalArgumentException("Only RS256 and ES256 are supported, not " + name);
		}
		return alg;
	}

	private static TokenFixtures mint(JWSAlgorithm alg, int count) {
		JWK key;
		try {
			key = alg.equals(JWSAlgorithm.RS256)
					? new RSAKeyGenerator(2048).keyID("bench-rsa-" + System.nanoTime()).generate()
					: new ECKeyGenerator(Curve.P_256).keyID("bench-ec-" + System.nanoTime()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		Instant now = Instant.now();
		Instant exp = now.plus(LIFETIME);
		String run = Long.toString(now.toEpochMilli(), 36);
		ThreadLocal<JWSSigner> signers = ThreadLocal.withInitial(() -> signer(key));
		List<String> tokens = IntStream.rangeClosed(0, count)
			.parallel()
			.mapToObj((i) -> sign(signers.get(), alg, key.getKeyID(), now, exp, run + "-" + i))
			.toList();
		return new TokenFixtures(key, tokens, exp.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}

	private static JWSSigner signer(JWK key) {
		try {
			return (key instanceof RSAKey rsa) ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, Instant iat, Instant exp, String jti) {
		JWSHeader header = new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("bench-client")
			.audience(List.of(AUDIENCE))
			.claim("scope", SCOPE)
			.claim("client_id", "bench-client")
			.issueTime(Date.from(iat))
			.expirationTime(Date.from(exp))
			.jwtID(jti)
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static TokenFixtures read(Path file, int count) {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
			if (lines.size() != count + 5 || !lines.get(0).equals(FORMAT)) {
				return null;
			}
			Instant exp = Instant.ofEpochSecond(Long.parseLong(lines.get(1)));
			if (Instant.now().plus(MIN_REMAINING).isAfter(exp)) {
				return null;
			}
			JWK key = JWK.parse(new String(java.util.Base64.getDecoder().decode(lines.get(2)), StandardCharsets.UTF_8));
			if (!lines.get(3).isEmpty()) {
				return null;
			}
			return new TokenFixtures(key, List.copyOf(lines.subList(4, lines.size())), exp);
		}
		catch (IOException | ParseException | RuntimeException ex) {
			return null;
		}
	}

	private static void write(Path file, TokenFixtures fixtures) {
		try {
			Files.createDirectories(file.getParent());
			List<String> lines = new ArrayList<>(fixtures.tokens.size() + 4);
			lines.add(FORMAT);
			lines.add(Long.toString(fixtures.expiresAt.getEpochSecond()));
			lines.add(java.util.Base64.getEncoder()
				.encodeToString(fixtures.signingKey.toJSONString().getBytes(StandardCharsets.UTF_8)));
			lines.add("");
			lines.addAll(fixtures.tokens);
			Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
			Files.write(temporary, lines, StandardCharsets.US_ASCII);
			try {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot store token fixtures in " + file, ex);
		}
	}

}
