package dev.warden.internal.jwt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The authorization servers whose tokens a service accepts, each with its own pipeline: key set,
 * key status, metadata and decoder. Keys are never looked up across issuers. Internal: not part of
 * Warden's API.
 */
public final class TrustedIssuers implements AutoCloseable {

	/**
	 * One trusted issuer.
	 *
	 * @param name the configured name ({@code default} for {@code warden.issuer})
	 * @param issuer the exact {@code iss} of its tokens
	 * @param status its key set's status
	 * @param metadata its metadata (discovery)
	 * @param decoder its pipeline
	 * @param keys its key source (also verifies the Security Event Tokens it pushes)
	 */
	public record Issuer(String name, String issuer, JwksStatus status, IssuerMetadata metadata,
			WardenJwtDecoder decoder, JWKSource<SecurityContext> keys) {
	}

	private final List<Issuer> all;

	private final Map<String, Issuer> byName = new LinkedHashMap<>();

	private final Map<String, Issuer> byIssuer = new LinkedHashMap<>();

	/**
	 * Creates the set.
	 * @param issuers the issuers, the default one (if any) first
	 */
	public TrustedIssuers(List<Issuer> issuers) {
		this.all = List.copyOf(issuers);
		for (Issuer issuer : issuers) {
			this.byName.put(issuer.name(), issuer);
			this.byIssuer.put(issuer.issuer(), issuer);
		}
	}

	/**
	 * Every trusted issuer.
	 * @return the issuers, the default one (if any) first
	 */
	public List<Issuer> all() {
		return this.all;
	}

	/**
	 * An issuer by its configured name.
	 * @param name the name
	 * @return the issuer, or {@code null}
	 */
	public Issuer named(String name) {
		return this.byName.get(name);
	}

	/**
	 * The issuer a token's {@code iss} names.
	 * @param iss the claim
	 * @return the issuer, or {@code null} when it names none
	 */
	public Issuer byIssuer(String iss) {
		return (iss != null) ? this.byIssuer.get(iss) : null;
	}

	/**
	 * Closes every issuer's key source (its refresh-ahead thread), with the application context.
	 */
	@Override
	public void close() {
		for (Issuer issuer : this.all) {
			if (issuer.keys() instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// closing is best effort: the context is going away
				}
			}
		}
	}

	/**
	 * The configured name of the issuer a token's {@code iss} names.
	 * @param iss the claim
	 * @return the name, or {@code null}
	 */
	public String nameOf(String iss) {
		Issuer issuer = byIssuer(iss);
		return (issuer != null) ? issuer.name() : null;
	}

}
