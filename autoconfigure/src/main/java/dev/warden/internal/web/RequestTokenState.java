package dev.warden.internal.web;

import dev.warden.jwt.TokenRequest;

/**
 * What the token pipeline learns about a request while it works on it, whatever the web stack: how
 * the token was presented and which trusted issuer made it (for audit lines and answers).
 */
public abstract class RequestTokenState implements TokenRequest {

	private volatile Scheme scheme;

	private volatile String issuer;

	/**
	 * Records how the request presents its token.
	 * @param scheme the scheme
	 */
	public void scheme(Scheme scheme) {
		this.scheme = scheme;
	}

	@Override
	public Scheme scheme() {
		return this.scheme;
	}

	@Override
	public void issuer(String name) {
		this.issuer = name;
	}

	@Override
	public String issuer() {
		return this.issuer;
	}

}
