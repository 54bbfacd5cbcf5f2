package dev.warden.internal.jwt;

import java.util.Map;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.warden.jwt.InvalidTokenException;
import dev.warden.jwt.TokenRejection;
import dev.warden.jwt.TokenRequest;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Several trusted issuers: a token's {@code iss}, read from the still-unverified payload only to
 * choose, picks the issuer whose pipeline (keys, audiences, skew, checks) then verifies it; an
 * {@code iss} that names no configured issuer is refused with no network call of any kind, so a
 * token cannot make Warden discover or fetch from an address it names. A token seen before is
 * routed by its cache entry, without reading the payload again.
 */
public final class IssuerRoutingJwtDecoder implements JwtDecoder {

	/** The issuer tag of a token whose {@code iss} names no trusted issuer. */
	public static final String UNKNOWN_ISSUER = "unknown";

	private final TrustedIssuers issuers;

	private final WardenJwtDecoder first;

	private final VerifiedTokenCache cache;

	/**
	 * Creates the router.
	 * @param issuers the trusted issuers, whose decoders share one verified-token cache (or none)
	 */
	public IssuerRoutingJwtDecoder(TrustedIssuers issuers) {
		this.issuers = issuers;
		this.first = issuers.all().get(0).decoder();
		this.cache = this.first.cache();
	}

	/**
	 * The trusted issuers.
	 * @return the issuers
	 */
	public TrustedIssuers issuers() {
		return this.issuers;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		long start = System.nanoTime();
		if (token == null || token.isEmpty() || token.length() > this.first.maxTokenLength()) {
			// not a token at all: any pipeline gives the same answer, before any key lookup
			return this.first.decode(token);
		}
		VerifiedTokenCache.Key key = null;
		if (this.cache != null) {
			// a token verified before is routed by its entry: exactly this text passed a pipeline
			key = VerifiedTokenCache.key(token);
			VerifiedTokenCache.Entry entry = this.cache.get(key);
			TrustedIssuers.Issuer owner = (entry != null) ? this.issuers.named(entry.issuer()) : null;
			if (owner != null) {
				routed(owner);
				return owner.decoder().decode(token, key, entry, start);
			}
		}
		if (!CompactJws.isCanonical(token)) {
			return this.first.decode(token);
		}
		String iss = unverifiedIssuer(token);
		if (iss == null) {
			// no readable payload: the first pipeline refuses it before any key lookup
			return this.first.decode(token);
		}
		TrustedIssuers.Issuer issuer = this.issuers.byIssuer(iss);
		if (issuer == null) {
			TokenRequest request = TokenRequest.current();
			if (request != null) {
				request.issuer(UNKNOWN_ISSUER);
			}
			this.first.listener().rejected(UNKNOWN_ISSUER, TokenRejection.INVALID_ISSUER, System.nanoTime() - start);
			throw new InvalidTokenException(TokenRejection.INVALID_ISSUER, "The token's issuer is not accepted");
		}
		routed(issuer);
		return issuer.decoder().decode(token, key, null, start);
	}

	private static void routed(TrustedIssuers.Issuer issuer) {
		TokenRequest request = TokenRequest.current();
		if (request != null) {
			request.issuer(issuer.name());
		}
	}

	/**
	 * The {@code iss} of a canonical compact JWS, read without verifying anything.
	 * @return the issuer; an empty string when the payload is a JSON object without a string
	 * {@code iss}; {@code null} when the payload cannot be read at all
	 */
	private static String unverifiedIssuer(String token) {
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		if (second < 0 || token.indexOf('.', second + 1) >= 0) {
			return null;
		}
		try {
			String payload = new Base64URL(token.substring(first + 1, second)).decodeToString();
			if (!CompactJws.isJsonObject(payload)) {
				return null;
			}
			Map<String, Object> claims = JSONObjectUtils.parse(payload);
			return (claims.get("iss") instanceof String iss) ? iss : "";
		}
		catch (java.text.ParseException | RuntimeException ex) {
			return null;
		}
	}

}
