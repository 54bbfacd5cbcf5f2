package dev.warden.internal.revocation;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.warden.internal.Json;
import dev.warden.internal.jwt.HttpFetcher;
import dev.warden.internal.jwt.IssuerMetadata;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Receiver-initiated stream registration (SSF 1.0 §8.1.1): discovers the transmitter at
 * {@code /.well-known/ssf-configuration} (path-inserted, then appended to the issuer), takes a
 * client-credentials token, and creates — or updates — the client's one push stream so that it
 * delivers the CAEP events Warden acts on to this service's public URL. Learns the stream's
 * {@code aud}, so SETs addressed to {@code <client>/<stream id>} verify without configuration.
 * Idempotent: a restart, or another instance of the service, finds the stream and leaves it as it
 * is when it already points here. When the transmitter cannot be reached, the service runs on and
 * tries again with backoff (1 s doubling to 60 s).
 */
public final class StreamRegistration {

	private static final Log logger = LogFactory.getLog(StreamRegistration.class);

	/** The push delivery method (RFC 8935). */
	static final String PUSH = "urn:ietf:rfc:8935";

	/** The CAEP events Warden acts on. */
	static final List<String> EVENTS = List.of(SecurityEvents.CAEP + "session-revoked",
			SecurityEvents.CAEP + "credential-change");

	/** Where a registration stands. */
	public enum State {

		/** Not yet registered: the first attempt is under way, or failed and will be retried. */
		PENDING,

		/** The stream delivers here. */
		REGISTERED

	}

	/**
	 * The registration as health shows it.
	 *
	 * @param state where it stands
	 * @param streamId the stream's id, once known
	 * @param audiences the stream's {@code aud}, once known
	 * @param lastError why the last attempt failed, or {@code null}
	 * @param attempts how many attempts were made
	 * @param nextAttempt when the next attempt runs, or {@code null}
	 */
	public record Status(State state, String streamId, List<String> audiences, String lastError, int attempts,
			Instant nextAttempt) {
	}

	private final String issuer;

	private final IssuerMetadata metadata;

	private final HttpFetcher fetcher;

	private final URI endpoint;

	private final String clientId;

	private final String clientSecret;

	private final String scope;

	private final String authorization;

	private final Consumer<String> audiences;

	private final ScheduledExecutorService scheduler;

	private final Clock clock;

	private volatile Status status = new Status(State.PENDING, null, List.of(), null, 0, null);

	private volatile boolean stopped;

	/**
	 * Creates the registration.
	 * @param issuer the transmitter's issuer (a trusted issuer)
	 * @param metadata its OAuth metadata (the token endpoint)
	 * @param fetcher the HTTP client, with its deadline and size limit
	 * @param endpoint this service's public push URL
	 * @param clientId the receiver client
	 * @param clientSecret its secret
	 * @param scope the scope asked for (e.g. {@code ssf.manage})
	 * @param authorization the {@code Authorization} header the transmitter is to send, or {@code null}
	 * @param audiences told about each {@code aud} of the stream
	 * @param scheduler runs the attempts
	 * @param clock the clock
	 */
	public StreamRegistration(String issuer, IssuerMetadata metadata, HttpFetcher fetcher, URI endpoint,
			String clientId, String clientSecret, String scope, String authorization, Consumer<String> audiences,
			ScheduledExecutorService scheduler, Clock clock) {
		this.issuer = issuer;
		this.metadata = metadata;
		this.fetcher = fetcher;
		this.endpoint = endpoint;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.scope = scope;
		this.authorization = authorization;
		this.audiences = audiences;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/** Starts the first attempt, off the caller's thread. */
	public void start() {
		this.scheduler.execute(() -> attempt(Duration.ofSeconds(1)));
	}

	/** Stops retrying (the application context closes). */
	public void stop() {
		this.stopped = true;
	}

	/**
	 * Where the registration stands.
	 * @return the status
	 */
	public Status status() {
		return this.status;
	}

	private void attempt(Duration backoff) {
		if (this.stopped) {
			return;
		}
		int attempts = this.status.attempts() + 1;
		try {
			Map<String, Object> stream = register();
			String id = JSONObjectUtils.getString(stream, "stream_id");
			List<String> aud = audiences(stream.get("aud"));
			aud.forEach(this.audiences);
			this.status = new Status(State.REGISTERED, id, aud, null, attempts, null);
			logger.info("SSF push stream " + id + " at " + this.issuer + " delivers to " + this.endpoint + " (aud "
					+ aud + ")");
		}
		catch (Exception ex) {
			Instant next = this.clock.instant().plus(backoff);
			this.status = new Status(State.PENDING, this.status.streamId(), this.status.audiences(), describe(ex),
					attempts, next);
			if (attempts == 1 || attempts % 10 == 0) {
				logger.warn("Could not register the SSF push stream at " + this.issuer + " (attempt " + attempts + "): "
						+ describe(ex) + "; trying again in " + backoff.toSeconds() + "s");
			}
			Duration longer = backoff.multipliedBy(2);
			Duration capped = (longer.compareTo(Duration.ofSeconds(60)) > 0) ? Duration.ofSeconds(60) : longer;
			if (!this.stopped) {
				this.scheduler.schedule(() -> attempt(capped), backoff.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	private static String describe(Exception ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/** One attempt: discover, authenticate, find or create the stream; the stream as last answered. */
	Map<String, Object> register() throws IOException, java.text.ParseException {
		Map<String, Object> configuration = configuration();
		URI streams = URI.create(JSONObjectUtils.getString(configuration, "configuration_endpoint"));
		String token = token();
		Map<String, Object> existing = existing(streams, token);
		if (existing != null && pointsHere(existing)) {
			return existing;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		if (existing != null) {
			body.put("stream_id", existing.get("stream_id"));
		}
		Map<String, Object> delivery = new LinkedHashMap<>();
		delivery.put("method", PUSH);
		delivery.put("endpoint_url", this.endpoint.toString());
		if (this.authorization != null) {
			delivery.put("authorization_header", this.authorization);
		}
		body.put("delivery", delivery);
		body.put("events_requested", EVENTS);
		body.put("description", "Warden push receiver");
		HttpResponse<byte[]> answer = this.fetcher.send(request(streams, token)
			.header("Content-Type", "application/json")
			.method((existing != null) ? "PATCH" : "POST",
					HttpRequest.BodyPublishers.ofString(Json.write(new StringBuilder(), body).toString()))
			.build());
		if (answer.statusCode() != 200 && answer.statusCode() != 201) {
			throw new IOException("HTTP " + answer.statusCode() + " from " + streams + ": " + snippet(answer));
		}
		return JSONObjectUtils.parse(new String(answer.body(), StandardCharsets.UTF_8));
	}

	/** The transmitter's metadata, path-inserted location first; its issuer must be the issuer. */
	private Map<String, Object> configuration() throws IOException {
		List<String> failures = new ArrayList<>();
		for (URI location : locations(this.issuer)) {
			try {
				Map<String, Object> document = JSONObjectUtils.parse(this.fetcher.get(location).getContent());
				if (!this.issuer.equals(document.get("issuer"))) {
					failures.add(location + " names issuer '" + document.get("issuer") + "'");
					continue;
				}
				if (!(document.get("configuration_endpoint") instanceof String)) {
					failures.add(location + " has no configuration_endpoint");
					continue;
				}
				return document;
			}
			catch (IOException | java.text.ParseException ex) {
				failures.add(describe(ex));
			}
		}
		throw new IOException("No SSF transmitter metadata for " + this.issuer + ": " + String.join("; ", failures));
	}

	/**
	 * Where SSF transmitter metadata is looked for: the path-inserted form (SSF 1.0 §7.2), then the
	 * issuer with the well-known path appended.
	 * @param issuer the issuer
	 * @return the locations
	 */
	static List<URI> locations(String issuer) {
		URI uri = URI.create(issuer);
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String origin = uri.getScheme() + "://" + uri.getRawAuthority();
		return List.of(URI.create(origin + "/.well-known/ssf-configuration" + trimmed),
				URI.create(origin + trimmed + "/.well-known/ssf-configuration"));
	}

	private String token() throws IOException, java.text.ParseException {
		URI tokenEndpoint = this.metadata.uri("token_endpoint");
		String credentials = Base64.getEncoder()
			.encodeToString((form(this.clientId) + ":" + form(this.clientSecret)).getBytes(StandardCharsets.UTF_8));
		String body = "grant_type=client_credentials" + ((this.scope != null) ? "&scope=" + form(this.scope) : "");
		HttpResponse<byte[]> answer = this.fetcher.send(HttpRequest.newBuilder(tokenEndpoint)
			.timeout(this.fetcher.deadline())
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		if (answer.statusCode() != 200) {
			throw new IOException("The token endpoint refused the receiver client " + this.clientId + " (HTTP "
					+ answer.statusCode() + "): check warden.revocation.push.client-id, client-secret and scope");
		}
		String token = JSONObjectUtils.getString(JSONObjectUtils.parse(new String(answer.body(), StandardCharsets.UTF_8)),
				"access_token");
		if (token == null) {
			throw new IOException("The token endpoint answered without an access_token");
		}
		return token;
	}

	/** The client's stream, if it has one (transmitters allow one per receiver client). */
	private Map<String, Object> existing(URI streams, String token) throws IOException, java.text.ParseException {
		HttpResponse<byte[]> answer = this.fetcher.send(request(streams, token).GET().build());
		if (answer.statusCode() == 404 || answer.statusCode() == 204) {
			return null;
		}
		if (answer.statusCode() != 200) {
			throw new IOException("HTTP " + answer.statusCode() + " from " + streams + ": " + snippet(answer));
		}
		String text = new String(answer.body(), StandardCharsets.UTF_8).trim();
		if (text.startsWith("[")) {
			List<Object> all = JSONArrayUtils.parse(text);
			for (Object item : all) {
				if (item instanceof Map<?, ?> stream) {
					@SuppressWarnings("unchecked")
					Map<String, Object> typed = (Map<String, Object>) stream;
					return typed;
				}
			}
			return null;
		}
		return text.isEmpty() ? null : JSONObjectUtils.parse(text);
	}

	private boolean pointsHere(Map<String, Object> stream) {
		if (!(stream.get("delivery") instanceof Map<?, ?> delivery)) {
			return false;
		}
		Object requested = stream.get("events_requested");
		// a transmitter may redact the header it sends: then the stream is updated to be sure
		boolean sameSecret = (this.authorization == null) ? delivery.get("authorization_header") == null
				: this.authorization.equals(delivery.get("authorization_header"));
		return PUSH.equals(delivery.get("method")) && this.endpoint.toString().equals(delivery.get("endpoint_url"))
				&& requested instanceof List<?> events && events.containsAll(EVENTS) && sameSecret;
	}

	private HttpRequest.Builder request(URI uri, String token) {
		return HttpRequest.newBuilder(uri)
			.timeout(this.fetcher.deadline())
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json");
	}

	private static List<String> audiences(Object aud) {
		if (aud instanceof String single) {
			return List.of(single);
		}
		List<String> all = new ArrayList<>();
		if (aud instanceof List<?> values) {
			values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(all::add);
		}
		return all;
	}

	private static String snippet(HttpResponse<byte[]> answer) {
		String text = new String(answer.body(), StandardCharsets.UTF_8);
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

	private static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
