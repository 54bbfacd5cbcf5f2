package dev.warden.autoconfigure;

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

	private final dev.warden.internal.jwt.TrustedIssuers issuers;

	private final java.util.concurrent.Executor executor;

	private final java.util.function.Predicate<String> warmUp;

	private volatile boolean running;

	/**
	 * Creates the warm-up.
	 * @param issuers the trusted issuers
	 * @param executor where the fetches run
	 * @param warmUp whether the issuer of this name is warmed up ({@code jwks.warm-up})
	 */
	JwksWarmUp(dev.warden.internal.jwt.TrustedIssuers issuers, java.util.concurrent.Executor executor,
			java.util.function.Predicate<String> warmUp) {
		this.issuers = issuers;
		this.executor = executor;
		this.warmUp = warmUp;
	}

	@Override
	public void start() {
		for (dev.warden.internal.jwt.TrustedIssuers.Issuer issuer : this.issuers.all()) {
			if (this.warmUp.test(issuer.name())) {
				this.executor.execute(() -> fetch(issuer));
			}
		}
		this.running = true;
	}

	private void fetch(dev.warden.internal.jwt.TrustedIssuers.Issuer issuer) {
		try {
			int count = issuer.decoder().warmUp();
			logger.debug("JWK set of issuer '" + issuer.name() + "' warmed up with " + count + " keys");
		}
		catch (Exception ex) {
			// the key source has already logged why; requests fetch again later
			logger.debug("JWK set of issuer '" + issuer.name() + "' could not be fetched at startup: " + ex.getMessage());
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
