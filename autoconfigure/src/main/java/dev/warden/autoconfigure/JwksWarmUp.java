package dev.warden.autoconfigure;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Fetches the JWK set once in the background when the application starts, so the first requests
 * find the keys cached. Startup never waits for it, and a failure only logs: the service starts
 * even while the issuer is down, and requests fetch again later.
 */
final class JwksWarmUp implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(JwksWarmUp.class);

	private final JWKSource<SecurityContext> keys;

	private final java.util.concurrent.Executor executor;

	private volatile boolean running;

	JwksWarmUp(JWKSource<SecurityContext> keys, java.util.concurrent.Executor executor) {
		this.keys = keys;
		this.executor = executor;
	}

	@Override
	public void start() {
		this.executor.execute(this::fetch);
		this.running = true;
	}

	private void fetch() {
		try {
			int count = this.keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).size();
			logger.debug("JWK set warmed up with " + count + " keys");
		}
		catch (Exception ex) {
			// the key source has already logged why; requests fetch again later
			logger.debug("JWK set could not be fetched at startup: " + ex.getMessage());
		}
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
