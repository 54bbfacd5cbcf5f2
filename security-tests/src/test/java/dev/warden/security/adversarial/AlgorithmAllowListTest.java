package dev.warden.security.adversarial;

import com.nimbusds.jose.JWSAlgorithm;
import dev.warden.internal.jwt.DecoderOracle;
import dev.warden.security.support.Expect;
import dev.warden.security.support.StrictAppTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code warden.algorithms=RS256}: tokens the issuer really signed with another algorithm of its
 * own keys are refused before any key lookup. Sources: RFC 8725 §3.1 ("libraries MUST enable the
 * caller to specify a supported set of algorithms and MUST NOT use any other"), RFC 7518 §3.1.
 */
class AlgorithmAllowListTest extends StrictAppTest {

	@Test
	void rs256IsAccepted() {
		Expect.ok(this.client.bearer("/api/data", issuer.token().scopes("data:read").sign()));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS384", "RS512" })
	void genuineTokensOfOtherAlgorithmsAreRefusedWithoutAnyJwksFetch(String alg) throws Exception {
		JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
		var token = issuer.token().algorithm(algorithm).scopes("data:read");
		if (JWSAlgorithm.Family.EC.contains(algorithm) && !alg.equals("ES256")) {
			// the issuer's EC key is P-256; sign ES384/ES512 with keys of the right curve under the same kid
			com.nimbusds.jose.jwk.Curve curve = alg.equals("ES384") ? com.nimbusds.jose.jwk.Curve.P_384
					: com.nimbusds.jose.jwk.Curve.P_521;
			token.signedWith(new com.nimbusds.jose.jwk.gen.ECKeyGenerator(curve).keyID(issuer.ecKey().getKeyID()).generate());
		}
		int fetches = issuer.jwksRequests();
		Expect.invalidToken(this.client.bearer("/api/data", token.sign()), DecoderOracle.ALGORITHM);
		assertThat(issuer.jwksRequests()).isEqualTo(fetches);
	}

}
