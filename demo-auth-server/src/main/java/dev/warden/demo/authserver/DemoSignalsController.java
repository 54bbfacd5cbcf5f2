package dev.warden.demo.authserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal Shared Signals transmitter for the demo: {@code POST /demo/signals/session-revoked}
 * signs a CAEP {@code session-revoked} Security Event Token with the server's own key and pushes it
 * (RFC 8935) to the receivers named. Demo only: it pushes to loopback addresses only, and its
 * operator's credentials ({@code ssf-admin:ssf-admin-secret}, HTTP Basic) are public.
 */
@RestController
class DemoSignalsController {

	private static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

	private static final String OPERATOR = "Basic "
			+ Base64.getEncoder().encodeToString("ssf-admin:ssf-admin-secret".getBytes(StandardCharsets.UTF_8));

	private final JWKSource<SecurityContext> keys;

	private final String issuer;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	DemoSignalsController(JWKSource<SecurityContext> keys, @Value("${demo.issuer}") String issuer) {
		this.keys = keys;
		this.issuer = issuer;
	}

	@PostMapping("/demo/signals/session-revoked")
	ResponseEntity<Map<String, Object>> sessionRevoked(@RequestHeader(name = "Authorization", required = false) String authorization,
			@RequestParam String sub, @RequestParam List<String> receiver,
			@RequestParam(defaultValue = DemoAuthServerApplication.AUDIENCE) String aud) throws Exception {
		if (authorization == null || !MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8),
				OPERATOR.getBytes(StandardCharsets.UTF_8))) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Basic realm=\"demo\"").build();
		}
		for (String target : receiver) {
			String host = URI.create(target).getHost();
			if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
				return ResponseEntity.badRequest().body(Map.of("error", "the demo pushes to loopback receivers only"));
			}
		}
		String set = sign(sub, aud);
		Map<String, Object> answers = new LinkedHashMap<>();
		for (String target : receiver) {
			answers.put(target, push(target, set));
		}
		return ResponseEntity.ok(Map.of("jti", SignedJWT.parse(set).getJWTClaimsSet().getJWTID(), "answers", answers));
	}

	private String sign(String sub, String aud) throws KeySourceException, JOSEException {
		List<JWK> found = this.keys.get(new JWKSelector(new JWKMatcher.Builder().keyType(KeyType.RSA).build()), null);
		RSAKey key = found.get(0).toRSAKey();
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience(aud)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.claim("sub_id", Map.of("format", "iss_sub", "iss", this.issuer, "sub", sub))
			.claim("events", Map.of(SESSION_REVOKED, Map.of("event_timestamp", now.getEpochSecond(),
					"initiating_entity", "admin", "reason_admin", Map.of("en", "Signed out by the demo"))))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
			.type(new JOSEObjectType("secevent+jwt"))
			.build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private Object push(String target, String set) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(target))
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/secevent+jwt")
			.POST(HttpRequest.BodyPublishers.ofString(set))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return "unreachable: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

}
