package dev.warden.sample;

import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import dev.warden.test.Challenges;
import dev.warden.test.DPoPKey;
import dev.warden.test.Http.Answer;
import dev.warden.test.Http;
import dev.warden.test.WardenTestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) on the sample API over real HTTP, with no extra flag: every case of §4.3 and §7
 * that a client can get wrong is answered 401 {@code invalid_dpop_proof} (or {@code invalid_token}
 * when the token itself is wrong) under a {@code DPoP} challenge, never with the token or the proof
 * echoed.
 * <p>
 * Written once and run against both samples ({@code SampleApiDPoPTest} on Spring MVC,
 * {@code SampleApiReactiveDPoPTest} on WebFlux).
 */
public abstract class SampleApiDPoPContract {

	protected static final WardenTestIssuer issuer = WardenTestIssuer.shared("orders-api");

	static final String ALGS = "ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512";

	@LocalServerPort
	int port;

	Http http;

	final DPoPKey key = DPoPKey.ec();

	String token;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
		this.token = issuer.token().scopes("orders:read").boundTo(this.key).sign();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private Answer dpop(String method, String path, String token, String... proofs) {
		List<String> lines = new java.util.ArrayList<>();
		lines.add("Authorization: DPoP " + token);
		for (String proof : proofs) {
			lines.add("DPoP: " + proof);
		}
		if (!method.equals("GET")) {
			lines.add("Content-Type: application/json");
			lines.add("Content-Length: 0");
		}
		return this.http.raw(path, lines, method);
	}

	private DPoPKey.Proof proof() {
		return this.key.proof().method("GET").uri(url("/api/orders")).accessToken(this.token);
	}

	private void assertProofRefused(Answer answer, String description, String... secrets) {
		assertThat(answer.status()).as("%s", answer).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(Challenges.withMetadata("DPoP error=\"invalid_dpop_proof\", "
				+ "error_description=\"" + description + "\", algs=\"" + ALGS + "\""));
		assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(answer.body()).contains("\"status\":401", "\"error\":\"invalid_dpop_proof\"",
				"\"detail\":\"" + description + "\"");
		for (String secret : secrets) {
			assertThat(answer.toString()).doesNotContain(secret.substring(secret.lastIndexOf('.') + 1));
		}
		assertThat(answer.toString()).doesNotContain(this.token.substring(this.token.lastIndexOf('.') + 1));
	}

	@Test
	void boundTokenWithAValidProofIsServed() {
		Answer answer = dpop("GET", "/api/orders", this.token, proof().sign());
		assertThat(answer.status()).as("%s", answer).isEqualTo(200);
		assertThat(answer.body()).contains("coffee beans");
	}

	@Test
	void everyRequestNeedsItsOwnProofEvenWhenTheTokenIsCached() {
		assertThat(dpop("GET", "/api/orders", this.token, proof().sign()).status()).isEqualTo(200);
		assertThat(dpop("GET", "/api/orders", this.token, proof().sign()).status()).isEqualTo(200);
		assertProofRefused(dpop("GET", "/api/orders", this.token), "The request carries no DPoP proof");
	}

	@Test
	void aReplayedProofIsRefused() {
		String proof = proof().sign();
		assertThat(dpop("GET", "/api/orders", this.token, proof).status()).isEqualTo(200);
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof), "The DPoP proof has been used before (jti)",
				proof);
	}

	@Test
	void aProofForAnotherMethodIsRefused() {
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof().method("POST").sign()),
				"The DPoP proof's htm does not match the request method");
	}

	@Test
	void aProofForAnotherUriIsRefused() {
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof().uri(url("/api/me")).sign()),
				"The DPoP proof's htu does not match the request URI");
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof().uri("http://other.example/api/orders").sign()),
				"The DPoP proof's htu does not match the request URI");
	}

	@Test
	void htuIsComparedAfterNormalisationWithoutQuery() {
		String htu = "HTTP://127.0.0.1:" + this.port + "/api/./%6Frders?page=2#top";
		assertThat(dpop("GET", "/api/orders?page=1", this.token, proof().claim("htu", htu).sign()).status())
			.isEqualTo(200);
	}

	@Test
	void aProofForAnotherTokenIsRefused() {
		String other = issuer.token().scopes("orders:read").boundTo(this.key).sign();
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof().accessToken(other).sign()),
				"The DPoP proof's ath does not match the access token");
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof().claim("ath", null).sign()),
				"The DPoP proof's ath does not match the access token");
	}

	@Test
	void aProofSignedByAnotherKeyIsRefused() {
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof().signedBy(DPoPKey.ec()).sign()),
				"The DPoP proof's key does not match the token's binding (cnf jkt)");
	}

	@Test
	void aStaleOrFutureProofIsRefused() {
		assertProofRefused(
				dpop("GET", "/api/orders", this.token, proof().issuedAt(Instant.now().minusSeconds(200)).sign()),
				"The DPoP proof is too old (iat)");
		assertProofRefused(
				dpop("GET", "/api/orders", this.token, proof().issuedAt(Instant.now().plusSeconds(200)).sign()),
				"The DPoP proof was issued in the future (iat)");
	}

	@Test
	void aMissingProofIsRefused() {
		assertProofRefused(dpop("GET", "/api/orders", this.token), "The request carries no DPoP proof");
	}

	@Test
	void twoProofsAreABadRequest() {
		Answer answer = dpop("GET", "/api/orders", this.token, proof().sign(), proof().sign());
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("WWW-Authenticate")).matches(Challenges.withMetadata("DPoP error=\"invalid_request\", "
				+ "error_description=\"The request has several DPoP headers.\", algs=\"" + ALGS + "\""));
	}

	@Test
	void aProofOfAnotherTypeIsRefused() {
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof().type("JWT").sign()),
				"The DPoP proof's type (typ) must be dpop+jwt");
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof().type(null).sign()),
				"The DPoP proof's type (typ) must be dpop+jwt");
	}

	@Test
	void aProofCarryingPrivateKeyMaterialIsRefused() {
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof().withPrivateKeyInHeader().sign()),
				"The DPoP proof's key (jwk) must not contain private key material");
	}

	@Test
	void aProofWithoutKeyOrWithABadSignatureIsRefused() {
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof().withoutKey().sign()),
				"The DPoP proof carries no public key (jwk)");
		String proof = proof().sign();
		String tampered = proof.substring(0, proof.lastIndexOf('.') + 1) + proof().sign().substring(proof.lastIndexOf('.') + 1);
		assertProofRefused(dpop("GET", "/api/orders", this.token, tampered), "The DPoP proof's signature is invalid");
		assertProofRefused(dpop("GET", "/api/orders", this.token, "not-a-proof"), "The DPoP proof is malformed");
	}

	@Test
	void aProofWithAnAlgorithmTheKeyDoesNotSuitIsRefused() {
		assertProofRefused(dpop("GET", "/api/orders", this.token, proof().algorithm(JWSAlgorithm.ES384).sign()),
				"The DPoP proof's key (jwk) does not suit its algorithm");
	}

	@Test
	void anUnboundTokenUnderTheDPoPSchemeIsAnInvalidToken() {
		String unbound = issuer.token().scopes("orders:read").sign();
		Answer answer = dpop("GET", "/api/orders", unbound, this.key.proof("GET", url("/api/orders"), unbound));
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(Challenges.withMetadata("DPoP error=\"invalid_token\", "
				+ "error_description=\"The access token is not bound to a DPoP key (cnf jkt); send it with the Bearer "
				+ "scheme\", algs=\"" + ALGS + "\""));
	}

	@Test
	void aBoundTokenUnderTheBearerSchemeIsUseless() {
		Answer answer = this.http.get("/api/orders", this.token);
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(Challenges.withMetadata("Bearer error=\"invalid_token\", "
				+ "error_description=\"The access token is bound to a DPoP key; send it with the DPoP scheme and a proof\""));
		// and a proof next to it changes nothing: the Bearer scheme ignores the DPoP header
		Answer withProof = this.http.raw("/api/orders", List.of("Authorization: Bearer " + this.token, "DPoP: " + proof().sign()));
		assertThat(withProof.status()).isEqualTo(401);
	}

	@Test
	void aBadTokenUnderTheDPoPSchemeIsAnInvalidTokenWithADPoPChallenge() {
		String expired = issuer.token().scopes("orders:read").boundTo(this.key).expiresAt(Instant.now().minusSeconds(600))
			.issuedAt(Instant.now().minusSeconds(900)).sign();
		Answer answer = dpop("GET", "/api/orders", expired, this.key.proof("GET", url("/api/orders"), expired));
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).matches(Challenges.withMetadata(
				"DPoP error=\"invalid_token\", error_description=\"The access token expired\", algs=\"" + ALGS + "\""));
	}

	@Test
	void scopesStillApplyToDPoPBoundTokens() {
		Answer answer = dpop("POST", "/api/orders", this.token,
				this.key.proof("POST", url("/api/orders"), this.token));
		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"");
	}

}
