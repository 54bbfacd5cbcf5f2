package dev.warden.autoconfigure;

import java.time.Duration;

import dev.warden.internal.Durations;

import org.springframework.util.unit.DataSize;

/**
 * The checks of {@code warden.revocation.*} and {@code warden.shared-state.*}, reported through the
 * one {@link WardenPropertiesValidator} with the rest.
 */
final class RevocationPropertiesValidator {

	static final Duration MIN_RETENTION = Duration.ofMinutes(1);

	static final Duration MAX_RETENTION = Duration.ofDays(30);

	private final WardenPropertiesValidator validator;

	private final WardenProperties properties;

	RevocationPropertiesValidator(WardenPropertiesValidator validator, WardenProperties properties) {
		this.validator = validator;
		this.properties = properties;
	}

	void validate() {
		RevocationProperties revocation = this.properties.getRevocation();
		Duration retention = revocation.getRetention();
		if (retention == null || retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
			this.validator.fail("warden.revocation.retention", Durations.format(retention),
					"it must be between 1m and 30d: a revocation is kept this long after its event.",
					"Set warden.revocation.retention to the longest lifetime of the access tokens this service "
							+ "accepts, e.g. warden.revocation.retention=1h.");
		}
		if (revocation.getMaxEntries() <= 0) {
			this.validator.fail("warden.revocation.max-entries", revocation.getMaxEntries(), "it must be positive.",
					"Set warden.revocation.max-entries to a positive number, e.g. 100000.");
		}
		RevocationProperties.Push push = revocation.getPush();
		String path = push.getPath();
		if (path == null || !path.startsWith("/") || path.equals("/") || path.contains("*") || path.contains("?")) {
			this.validator.fail("warden.revocation.push.path", path, "it must be a literal path below the root.",
					"Set warden.revocation.push.path to a path such as /ssf/events.");
		}
		boolean issuer = push.getIssuer() != null && !push.getIssuer().isBlank();
		if (issuer != (push.getJwksUri() != null)) {
			this.validator.fail(issuer ? "warden.revocation.push.jwks-uri" : "warden.revocation.push.issuer", "",
					"a separate transmitter needs both its issuer and its JWK set.",
					"Set both warden.revocation.push.issuer and warden.revocation.push.jwks-uri, or neither (the "
							+ "trusted issuers then transmit with their own keys).");
		}
		if (push.getJwksUri() != null) {
			this.validator.requireHttpUri("warden.revocation.push.jwks-uri", push.getJwksUri().toString(),
					"Set warden.revocation.push.jwks-uri to the http(s) address of the transmitter's JWK set.");
		}
		DataSize maxSize = push.getMaxSize();
		if (maxSize == null || maxSize.toBytes() < 1024 || maxSize.toBytes() > 1024 * 1024) {
			this.validator.fail("warden.revocation.push.max-size", maxSize, "it must be between 1KB and 1MB.",
					"Set warden.revocation.push.max-size to e.g. 64KB.");
		}
		if (push.getAuthorization() != null) {
			this.validator.unresolvedPlaceholder("warden.revocation.push.authorization", push.getAuthorization());
		}
		if (push.isEnabled() && push.isRegister()) {
			if (push.getPublicUrl() == null) {
				this.validator.fail("warden.revocation.push.public-url", "",
						"registering the push stream needs the URL the transmitter reaches this service at.",
						"Set warden.revocation.push.public-url, e.g. https://orders.example.com/ssf/events.");
			}
			else {
				this.validator.requireHttpUri("warden.revocation.push.public-url", push.getPublicUrl().toString(),
						"Set warden.revocation.push.public-url to the http(s) URL of this service's push endpoint.");
			}
			if (push.getClientId() == null || push.getClientId().isBlank()) {
				this.validator.fail("warden.revocation.push.client-id", "",
						"registering the push stream needs a receiver client.",
						"Set warden.revocation.push.client-id and client-secret to the client that manages the stream.");
			}
			if (push.getClientSecret() == null || push.getClientSecret().isBlank()) {
				this.validator.fail("warden.revocation.push.client-secret", "",
						"registering the push stream needs the receiver client's secret.",
						"Set warden.revocation.push.client-secret (e.g. from an environment variable).");
			}
			else {
				this.validator.unresolvedPlaceholder("warden.revocation.push.client-secret", push.getClientSecret());
			}
		}
		Duration timeout = this.properties.getSharedState().getTimeout();
		if (this.validator.positive("warden.shared-state.timeout", timeout) && timeout.compareTo(Duration.ofSeconds(10)) > 0) {
			this.validator.fail("warden.shared-state.timeout", Durations.format(timeout),
					"it must not exceed 10s: a request may wait this long for the shared store.",
					"Set warden.shared-state.timeout to e.g. 250ms.");
		}
	}

}
