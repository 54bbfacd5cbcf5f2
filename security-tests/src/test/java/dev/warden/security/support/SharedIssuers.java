package dev.warden.security.support;

import dev.warden.test.TestIssuer;

/** Issuers shared by the test classes of one application context; closed when the JVM exits. */
public final class SharedIssuers {

	private static TestIssuer main;

	private SharedIssuers() {
	}

	public static synchronized TestIssuer main() {
		if (main == null) {
			main = TestIssuer.start();
			TestIssuer started = main;
			Runtime.getRuntime().addShutdownHook(new Thread(started::close));
		}
		return main;
	}

}
