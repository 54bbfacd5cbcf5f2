package dev.warden.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.internal.jwt.DPoPSettings;
import dev.warden.internal.jwt.InMemoryDPoPReplayCache;
import dev.warden.internal.jwt.SenderConstraints;
import dev.warden.jwt.DPoPListener;
import dev.warden.jwt.TokenRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a DPoP request's proof check (RFC 9449 §4.3) against the floor it cannot go below:
 * <ul>
 * <li>{@link #nimbusEs256Verify} — the baseline: parse the proof, take the public key from its
 * {@code jwk} header, verify the ES256 signature with Nimbus — nothing else;</li>
 * <li>{@link #wardenProofCheck} — Warden's whole check through {@link SenderConstraints}, as the
 * pipeline runs it on every DPoP request: {@code typ}, algorithm, key, RFC 7638 thumbprint against
 * {@code cnf.jkt}, signature, {@code htm}, normalised {@code htu}, {@code iat}, {@code ath} and the
 * replay cache.</li>
 * </ul>
 * Both cycle through {@code ring} distinct pre-signed proofs (each {@code jti} is new to the replay
 * cache; the cache is replaced when the ring starts over).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class DPoPProofBenchmark {

	static final String URI = "https://api.example.com/api/orders";

	/** How many distinct proofs are cycled through. */
	@Param({ "20000" })
	public int ring;

	private String token;

	private String[] proofs;

	private int next;

	private SenderConstraints wardenChecks;

	private Map<String, Object> confirmation;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).generate();
		this.token = "eyJhbGciOiJSUzI1NiJ9." + UUID.randomUUID() + ".signature";
		String ath = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(this.token.getBytes(StandardCharsets.US_ASCII)));
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(key.toPublicJWK())
			.build();
		ECDSASigner signer = new ECDSASigner(key);
		this.proofs = new String[this.ring];
		for (int i = 0; i < this.ring; i++) {
			SignedJWT proof = new SignedJWT(header, new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
				.claim("htm", "GET")
				.claim("htu", URI)
				.claim("ath", ath)
				.issueTime(java.util.Date.from(Instant.now()))
				.build());
			proof.sign(signer);
			this.proofs[i] = proof.serialize();
		}
		this.confirmation = Map.of("jkt", key.computeThumbprint().toString());
		this.wardenChecks = checks();
	}

	private SenderConstraints checks() {
		return SenderConstraints.of(new DPoPSettings(true, false, DPoPSettings.DEFAULT_ALGORITHMS, Duration.ofMinutes(10),
				Duration.ofSeconds(60), 8 * 1024, null, new InMemoryDPoPReplayCache(2L * this.ring, Clock.systemUTC()),
				Clock.systemUTC()), DPoPListener.NONE);
	}

	private String nextProof() {
		if (this.next == this.proofs.length) {
			this.next = 0;
			this.wardenChecks = checks();
		}
		return this.proofs[this.next++];
	}

	@Benchmark
	public boolean nimbusEs256Verify() throws Exception {
		SignedJWT proof = SignedJWT.parse(nextProof());
		return proof.verify(new ECDSAVerifier((ECKey) proof.getHeader().getJWK()));
	}

	@Benchmark
	public Object wardenProofCheck() {
		TokenRequest request = TokenRequest.of(TokenRequest.Scheme.DPOP, "GET", URI, List.of(nextProof()), null);
		try (TokenRequest.Scope scope = TokenRequest.bind(request)) {
			this.wardenChecks.verify(this.token, this.confirmation);
		}
		return request;
	}

}
