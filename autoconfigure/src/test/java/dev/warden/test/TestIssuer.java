package dev.warden.test;

/**
 * The test kit's issuer with the sample's audience and introspection client, for Warden's own
 * tests.
 */
public final class TestIssuer extends WardenTestIssuer {

	public static final String AUDIENCE = "orders-api";

	public static final String CLIENT_ID = "orders-api";

	public static final String CLIENT_SECRET = "orders-api-secret";

	private TestIssuer(String pathPrefix) {
		super(pathPrefix, AUDIENCE, CLIENT_ID, CLIENT_SECRET);
	}

	/**
	 * Starts an issuer at {@code http://127.0.0.1:port}.
	 * @return the issuer
	 */
	public static TestIssuer start() {
		return start("");
	}

	/**
	 * Starts an issuer whose identifier has a path, e.g. {@code http://127.0.0.1:port/tenant-1}.
	 * @param pathPrefix the path, starting with "/", or ""
	 * @return the issuer
	 */
	public static TestIssuer start(String pathPrefix) {
		return new TestIssuer(pathPrefix).startServer();
	}

}
