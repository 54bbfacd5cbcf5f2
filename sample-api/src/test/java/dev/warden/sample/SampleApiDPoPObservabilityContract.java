package dev.warden.sample;

import java.util.List;

import dev.warden.test.DPoPKey;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see of DPoP: the {@code warden.dpop.proofs} meter counts each outcome exactly, and
 * a refused DPoP request leaves an audit line with fingerprints of the token and the proof, never
 * their text.
 * <p>
 * Written once and run against both samples ({@code SampleApiDPoPObservabilityTest} on Spring MVC,
 * {@code SampleApiReactiveDPoPObservabilityTest} on WebFlux).
 */
public abstract class SampleApiDPoPObservabilityContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	private double proofs(String outcome) {
		return this.registry.get("warden.dpop.proofs").tag("outcome", outcome).timer().count();
	}

	@Test
	void eachProofOutcomeIsCountedAndARefusalIsAuditedWithFingerprintsOnly(CapturedOutput output) {
		Http http = new Http(this.port);
		DPoPKey key = DPoPKey.ec();
		String token = issuer.token().scopes("orders:read").boundTo(key).sign();
		String proof = key.proof("GET", "http://127.0.0.1:" + this.port + "/api/orders", token);
		double accepted = proofs("accepted");
		double replayed = proofs("replayed");
		double wrongUri = proofs("wrong_uri");

		assertThat(http.raw("/api/orders", List.of("Authorization: DPoP " + token, "DPoP: " + proof)).status())
			.isEqualTo(200);
		assertThat(http.raw("/api/orders", List.of("Authorization: DPoP " + token, "DPoP: " + proof)).status())
			.isEqualTo(401);
		String elsewhere = key.proof("GET", "http://127.0.0.1:" + this.port + "/api/me", token);
		assertThat(http.raw("/api/orders", List.of("Authorization: DPoP " + token, "DPoP: " + elsewhere)).status())
			.isEqualTo(401);

		assertThat(proofs("accepted") - accepted).isEqualTo(1);
		assertThat(proofs("replayed") - replayed).isEqualTo(1);
		assertThat(proofs("wrong_uri") - wrongUri).isEqualTo(1);
		assertThat(output.getAll()).contains("outcome=invalid_dpop_proof status=401 reason=\"The DPoP proof has been "
				+ "used before (jti)\"", "scheme=DPoP proof=" + dev.warden.internal.web.AuditLog.fingerprint(proof));
		for (String secret : List.of(token, proof, elsewhere)) {
			assertThat(output.getAll()).doesNotContain(secret.substring(secret.lastIndexOf('.') + 1));
		}
	}

}
