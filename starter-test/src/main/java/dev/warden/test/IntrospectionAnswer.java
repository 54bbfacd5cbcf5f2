package dev.warden.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;

/**
 * An answer of the test issuer's introspection endpoint, for tests of what Warden does with
 * unusual answers ({@link WardenTestIssuer#introspectionAnswers}): any status, headers and body,
 * sent in chunks or late.
 */
public final class IntrospectionAnswer {

	private final int status;

	private final Map<String, String> headers;

	private final byte[] body;

	private final int chunkSize;

	private final Duration delay;

	private final Duration bodyDelay;

	private final long throttleBytes;

	private final Duration throttlePeriod;

	private IntrospectionAnswer(int status, Map<String, String> headers, byte[] body, int chunkSize, Duration delay,
			Duration bodyDelay, long throttleBytes, Duration throttlePeriod) {
		this.status = status;
		this.headers = headers;
		this.body = body;
		this.chunkSize = chunkSize;
		this.delay = delay;
		this.bodyDelay = bodyDelay;
		this.throttleBytes = throttleBytes;
		this.throttlePeriod = throttlePeriod;
	}

	private IntrospectionAnswer with(int status, Map<String, String> headers, byte[] body, int chunkSize, Duration delay) {
		return new IntrospectionAnswer(status, headers, body, chunkSize, delay, this.bodyDelay, this.throttleBytes,
				this.throttlePeriod);
	}

	/**
	 * A {@code 200} with a JSON body.
	 * @param json the body
	 * @return the answer
	 */
	public static IntrospectionAnswer json(String json) {
		return status(200).header("Content-Type", "application/json").body(json);
	}

	/**
	 * An answer with this status and no body.
	 * @param status the HTTP status
	 * @return the answer
	 */
	public static IntrospectionAnswer status(int status) {
		return new IntrospectionAnswer(status, Map.of(), new byte[0], 0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
	}

	/**
	 * This answer with a header.
	 * @param name the header
	 * @param value its value
	 * @return the answer
	 */
	public IntrospectionAnswer header(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.headers);
		more.put(name, value);
		return with(this.status, more, this.body, this.chunkSize, this.delay);
	}

	/**
	 * This answer with a text body.
	 * @param text the body
	 * @return the answer
	 */
	public IntrospectionAnswer body(String text) {
		return body(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * This answer with a body of any bytes.
	 * @param bytes the body
	 * @return the answer
	 */
	public IntrospectionAnswer body(byte[] bytes) {
		return with(this.status, this.headers, bytes.clone(), this.chunkSize, this.delay);
	}

	/**
	 * This answer sent with chunked transfer encoding.
	 * @param size the size of each chunk
	 * @return the answer
	 */
	public IntrospectionAnswer chunked(int size) {
		return with(this.status, this.headers, this.body, size, this.delay);
	}

	/**
	 * This answer sent only after a delay (its headers wait).
	 * @param delay the delay
	 * @return the answer
	 */
	public IntrospectionAnswer delayed(Duration delay) {
		return with(this.status, this.headers, this.body, this.chunkSize, delay);
	}

	/**
	 * This answer with its body sent only after a delay (the headers come at once).
	 * @param delay the delay
	 * @return the answer
	 */
	public IntrospectionAnswer bodyDelayed(Duration delay) {
		return new IntrospectionAnswer(this.status, this.headers, this.body, this.chunkSize, this.delay, delay,
				this.throttleBytes, this.throttlePeriod);
	}

	/**
	 * This answer with its body dripping: so many bytes per period.
	 * @param bytes bytes sent each period
	 * @param period the period
	 * @return the answer
	 */
	public IntrospectionAnswer throttled(long bytes, Duration period) {
		return new IntrospectionAnswer(this.status, this.headers, this.body, this.chunkSize, this.delay, this.bodyDelay,
				bytes, period);
	}

	MockResponse toResponse() {
		MockResponse.Builder response = new MockResponse.Builder().code(this.status);
		this.headers.forEach(response::setHeader);
		if (this.chunkSize > 0) {
			response.chunkedBody(new okio.Buffer().write(this.body), this.chunkSize);
		}
		else if (this.body.length > 0) {
			response.body(new okio.Buffer().write(this.body));
		}
		if (!this.delay.isZero()) {
			response.headersDelay(this.delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		if (!this.bodyDelay.isZero()) {
			response.bodyDelay(this.bodyDelay.toMillis(), TimeUnit.MILLISECONDS);
		}
		if (this.throttleBytes > 0) {
			response.throttleBody(this.throttleBytes, this.throttlePeriod.toMillis(), TimeUnit.MILLISECONDS);
		}
		return response.build();
	}

}
