package dev.warden.internal.jwt;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import dev.warden.jwt.JwksListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The origin of Warden's key set: fetches the JWKS document (resolving its location lazily, so
 * discovery happens on the first fetch, not at startup), keeps only public signature keys that are
 * strong enough, and records each outcome in {@link JwksStatus}. Nimbus's caching, refresh-ahead,
 * rate-limiting and outage-tolerance decorators wrap it.
 */
final class RemoteJwkSetSource implements JWKSetSource<SecurityContext> {

	private static final Log logger = LogFactory.getLog(RemoteJwkSetSource.class);

	static final int MIN_RSA_KEY_BITS = 2048;

	private static final int MAX_REMEMBERED_WEAK_KEYS = 256;

	/** Where the JWKS lives; may need a network call to find out. */
	@FunctionalInterface
	interface Location {

		URI resolve() throws IOException;

	}

	private final Location location;

	private final HttpFetcher fetcher;

	private final JwksStatus status;

	private final JwksListener listener;

	private final PreparedKeys preparedKeys;

	private final Set<String> reportedWeakKeys = ConcurrentHashMap.newKeySet();

	RemoteJwkSetSource(Location location, HttpFetcher fetcher, JwksStatus status, JwksListener listener) {
		this.location = location;
		this.fetcher = fetcher;
		this.status = status;
		this.listener = listener;
		this.preparedKeys = status.preparedKeys();
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws JWKSetUnavailableException {
		URI uri;
		String content;
		try {
			uri = this.location.resolve();
			content = this.fetcher.get(uri).getContent();
		}
		catch (IOException | RuntimeException ex) {
			// a RuntimeException here is a bad location (e.g. a relative jwks_uri in the metadata)
			fail("JWKS could not be fetched: " + ex.getMessage());
			throw new JWKSetUnavailableException("JWKS could not be fetched: " + ex.getMessage(), ex);
		}
		JWKSet parsed;
		try {
			parsed = JWKSet.parse(content);
		}
		catch (ParseException ex) {
			fail("JWKS at " + uri + " is not a valid JWK set");
			throw new JWKSetParseException("JWKS at " + uri + " is not a valid JWK set", ex);
		}
		JWKSet usable = usableKeys(parsed, uri);
		Set<String> keyIds = new LinkedHashSet<>();
		Set<String> fingerprints = new LinkedHashSet<>();
		this.preparedKeys.replace(usable.getKeys());
		for (JWK key : usable.getKeys()) {
			keyIds.add(String.valueOf(key.getKeyID()));
			PreparedKeys.Prepared prepared = this.preparedKeys.get(key);
			if (prepared != null) {
				fingerprints.add(prepared.fingerprint());
			}
		}
		this.status.recordSuccess(keyIds, fingerprints, usable.size());
		this.listener.fetched(usable.size());
		return usable;
	}

	private void fail(String reason) {
		logger.warn(reason);
		this.status.recordFailure(reason);
		this.listener.fetchFailed();
	}

	private JWKSet usableKeys(JWKSet set, URI uri) {
		List<JWK> keys = new ArrayList<>();
		for (JWK key : set.getKeys()) {
			if (key instanceof OctetSequenceKey || KeyUse.ENCRYPTION.equals(key.getKeyUse())) {
				continue;
			}
			if (key instanceof RSAKey rsa && modulusBits(rsa) < MIN_RSA_KEY_BITS) {
				reportWeakKey(rsa, uri);
				continue;
			}
			JWK publicKey = key.toPublicJWK();
			if (publicKey != null) {
				keys.add(publicKey);
			}
		}
		return new JWKSet(keys);
	}

	/** The modulus's real size: a modulus padded with leading zero bytes must not pass for a longer one. */
	private static int modulusBits(RSAKey key) {
		try {
			return key.toRSAPublicKey().getModulus().bitLength();
		}
		catch (com.nimbusds.jose.JOSEException | RuntimeException ex) {
			return 0;
		}
	}

	private void reportWeakKey(RSAKey key, URI uri) {
		String id = key.getKeyID() + "/" + modulusBits(key);
		if (this.reportedWeakKeys.size() < MAX_REMEMBERED_WEAK_KEYS && this.reportedWeakKeys.add(id)) {
			logger.warn("Ignoring RSA key kid=" + key.getKeyID() + " from " + uri + ": " + modulusBits(key)
					+ " bits is below the minimum of " + MIN_RSA_KEY_BITS);
		}
	}

	@Override
	public void close() {
	}

}
