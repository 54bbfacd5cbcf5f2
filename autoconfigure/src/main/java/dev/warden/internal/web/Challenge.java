package dev.warden.internal.web;

/**
 * The authentication scheme a {@code WWW-Authenticate} challenge names, with the parameters that
 * belong to it besides the error: {@code algs} for DPoP (RFC 9449 §7.1) and
 * {@code resource_metadata} (RFC 9728 §5.1).
 *
 * @param scheme {@code Bearer} or {@code DPoP}
 * @param algs the algorithms DPoP proofs may use, or {@code null}
 * @param resourceMetadata the URL of the resource's metadata, or {@code null}
 */
public record Challenge(String scheme, String algs, String resourceMetadata) {

	/** A plain {@code Bearer} challenge. */
	public static final Challenge BEARER = new Challenge("Bearer", null, null);

	/**
	 * The {@code WWW-Authenticate} value.
	 * @param error the error code, or {@code null}
	 * @param description the error description, or {@code null}
	 * @param scope the scopes to name, or {@code null}
	 * @return the header value
	 */
	String header(String error, String description, String scope) {
		return header(error, description, scope, java.util.Map.of());
	}

	/**
	 * The {@code WWW-Authenticate} value with parameters of the error (RFC 9470's
	 * {@code acr_values} and {@code max_age}).
	 * @param error the error code, or {@code null}
	 * @param description the error description, or {@code null}
	 * @param scope the scopes to name, or {@code null}
	 * @param parameters further parameters after the error's, in order
	 * @return the header value
	 */
	String header(String error, String description, String scope, java.util.Map<String, String> parameters) {
		StringBuilder header = new StringBuilder(this.scheme);
		String separator = " ";
		if (error != null) {
			header.append(separator).append("error=\"").append(error).append('"');
			separator = ", ";
			if (description != null) {
				header.append(separator).append("error_description=\"").append(ErrorAnswer.headerSafe(description))
					.append('"');
			}
			if (scope != null) {
				header.append(separator).append("scope=\"").append(ErrorAnswer.headerSafe(scope)).append('"');
			}
			parameters.forEach((name, value) -> header.append(", ").append(name).append("=\"")
				.append(ErrorAnswer.headerSafe(value)).append('"'));
		}
		if (this.algs != null) {
			header.append(separator).append("algs=\"").append(this.algs).append('"');
			separator = ", ";
		}
		if (this.resourceMetadata != null) {
			header.append(separator).append("resource_metadata=\"")
				.append(ErrorAnswer.headerSafe(this.resourceMetadata))
				.append('"');
		}
		return header.toString();
	}

}
