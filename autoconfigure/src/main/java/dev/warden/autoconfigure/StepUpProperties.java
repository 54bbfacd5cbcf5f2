package dev.warden.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * Step-up authentication (RFC 9470).
 */
public class StepUpProperties {

	/**
	 * Authentication context classes (acr values) the authorization server issues, lowest
	 * first, e.g. pwd, mfa, phr. A token meets a required level when its acr is that level or a
	 * later one in this list. Empty: a token meets a level only with exactly that acr.
	 */
	private List<String> acrLevels = new ArrayList<>();

	public List<String> getAcrLevels() {
		return this.acrLevels;
	}

	public void setAcrLevels(List<String> acrLevels) {
		this.acrLevels = acrLevels;
	}

}
