package dev.warden.internal.scope;

import java.time.Duration;

import dev.warden.scope.RequireStepUp;

/**
 * The sign-in an endpoint needs ({@link RequireStepUp}).
 *
 * @param acr the lowest authentication context class accepted, or {@code null}
 * @param maxAge how long ago the user may have signed in, or {@code null}
 */
public record StepUp(String acr, Duration maxAge) {

	/**
	 * A short description for logs and the inventory, e.g. {@code acr mfa, max age 300s}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		if (this.acr != null) {
			text.append("acr ").append(this.acr);
		}
		if (this.maxAge != null) {
			text.append((text.length() > 0) ? ", " : "").append("max age ").append(this.maxAge.toSeconds()).append('s');
		}
		return text.toString();
	}

}
