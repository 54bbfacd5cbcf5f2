package dev.warden.internal.introspection;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.warden.internal.Claims;
import dev.warden.internal.NumericDates;
import dev.warden.internal.jwt.FetchTimeoutException;
import dev.warden.internal.jwt.HttpFetcher;
import dev.warden.internal.jwt.IssuerMetadata;
import dev.warden.introspection.ClientAuthentication;

/**
 * The RFC 7662 client: {@code POST} of {@code token} and {@code token_type_hint=access_token},
 * authenticated with {@code client_secret_basic} or {@code client_secret_post}, through the bounded
 * {@link HttpFetcher} (timeouts, size limit, no redirects). Reads the answer strictly: only the
 * boolean {@code active: true} is active, and an answer whose {@code exp} passed, whose
 * {@code iss} or {@code aud} contradicts the configuration, or that describes a refresh token is
 * inactive.
 */
public final class IntrospectionClient {

	private final IntrospectionSettings settings;

	private final HttpFetcher fetcher;

	private final IssuerMetadata metadata;

	private final String basicAuthorization;

	/**
	 * Creates a client.
	 * @param settings the settings
	 * @param fetcher the HTTP fetcher (its timeouts and size limit apply)
	 * @param metadata the issuer's metadata, to discover the endpoint when none is configured
	 */
	public IntrospectionClient(IntrospectionSettings settings, HttpFetcher fetcher, IssuerMetadata metadata) {
		this.settings = settings;
		this.fetcher = fetcher;
		this.metadata = metadata;
		String credentials = form(settings.clientId()) + ":" + form(settings.clientSecret());
		this.basicAuthorization = "Basic "
				+ Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The deadline of one call.
	 * @return connect + read timeout
	 */
	java.time.Duration deadline() {
		return this.fetcher.deadline();
	}

	/**
	 * Introspects a token.
	 * @param token the token
	 * @return the verdict; fails with an {@link IntrospectionFailedException} when no usable
	 * answer arrives
	 */
	public CompletableFuture<IntrospectionResult> introspect(String token) {
		URI uri;
		try {
			uri = (this.settings.uri() != null) ? this.settings.uri() : this.metadata.uri("introspection_endpoint");
		}
		catch (IOException ex) {
			return CompletableFuture.failedFuture(new IntrospectionFailedException(IntrospectionFailedException.Kind.ERROR,
					"Introspection endpoint unknown: " + ex.getMessage(), ex));
		}
		StringBuilder body = new StringBuilder("token=").append(form(token)).append("&token_type_hint=access_token");
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.fetcher.deadline())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json");
		if (this.settings.clientAuthentication() == ClientAuthentication.CLIENT_SECRET_POST) {
			body.append("&client_id=")
				.append(form(this.settings.clientId()))
				.append("&client_secret=")
				.append(form(this.settings.clientSecret()));
		}
		else {
			request.header("Authorization", this.basicAuthorization);
		}
		request.POST(HttpRequest.BodyPublishers.ofString(body.toString()));
		return this.fetcher.sendAsync(request.build())
			.handle((response, failure) -> {
				if (failure != null) {
					Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
							? failure.getCause() : failure;
					boolean timeout = cause instanceof FetchTimeoutException;
					throw new CompletionException(new IntrospectionFailedException(
							timeout ? IntrospectionFailedException.Kind.TIMEOUT : IntrospectionFailedException.Kind.ERROR,
							cause.getMessage(), cause));
				}
				return interpret(response);
			});
	}

	private IntrospectionResult interpret(HttpResponse<byte[]> response) {
		if (response.statusCode() == 401 || response.statusCode() == 403) {
			// RFC 7662 §2.3: the endpoint refuses this service's own credentials, whatever the token
			throw new CompletionException(new IntrospectionFailedException(IntrospectionFailedException.Kind.CLIENT_REJECTED,
					"The introspection endpoint refused this service's client credentials (HTTP " + response.statusCode()
							+ "): check warden.introspection.client-id, warden.introspection.client-secret and "
							+ "warden.introspection.client-authentication",
					null));
		}
		if (response.statusCode() != 200) {
			throw failed("Introspection endpoint answered HTTP " + response.statusCode());
		}
		Map<String, Object> answer;
		try {
			answer = JSONObjectUtils.parse(new String(response.body(), StandardCharsets.UTF_8));
		}
		catch (ParseException | RuntimeException ex) {
			throw failed("Introspection answer is not a JSON object");
		}
		if (answer == null) {
			throw failed("Introspection answer is not a JSON object");
		}
		if (!answer.containsKey("active")) {
			throw failed("Introspection answer has no 'active' member");
		}
		if (!(answer.get("active") instanceof Boolean active)) {
			// RFC 7662 §2.2: a JSON boolean; anything else is a malformed answer, not a verdict
			throw failed("Introspection answer's 'active' member is not a boolean");
		}
		if (!active) {
			return IntrospectionResult.inactive("active is not true");
		}
		Instant expiresAt = null;
		Object exp = answer.get("exp");
		if (exp != null) {
			if (!(exp instanceof Number number)) {
				throw failed("Introspection answer has a non-numeric 'exp'");
			}
			expiresAt = toInstant(number);
			if (expiresAt == null) {
				throw failed("Introspection answer has an out-of-range 'exp'");
			}
			if (!this.settings.clock().instant().isBefore(expiresAt.plus(this.settings.clockSkew()))) {
				return IntrospectionResult.inactive("exp has passed");
			}
		}
		Object iss = answer.get("iss");
		if (iss != null && !this.settings.issuer().equals(iss)) {
			return IntrospectionResult.inactive("iss names another issuer");
		}
		Object aud = answer.get("aud");
		if (aud != null && !this.settings.audiences().isEmpty() && !audienceMatches(aud)) {
			return IntrospectionResult.inactive("aud names none of the configured audiences");
		}
		Object tokenType = answer.get("token_type");
		if (tokenType instanceof String type && type.toLowerCase(java.util.Locale.ROOT).contains("refresh")) {
			return IntrospectionResult.inactive("token_type is a refresh token");
		}
		return new IntrospectionResult(true, answer, expiresAt, null);
	}

	private boolean audienceMatches(Object aud) {
		return Claims.namesOneOf(aud, this.settings.audiences());
	}


	static Instant toInstant(Number number) {
		try {
			return NumericDates.parse(number);
		}
		catch (NumericDates.InvalidNumericDate ex) {
			return null;
		}
	}

	private static CompletionException failed(String message) {
		return new CompletionException(
				new IntrospectionFailedException(IntrospectionFailedException.Kind.ERROR, message, null));
	}

	private static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * The client this service introspects as.
	 * @return the client id
	 */
	public String clientId() {
		return this.settings.clientId();
	}

}
