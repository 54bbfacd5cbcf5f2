package dev.warden.autoconfigure;

import java.net.URI;

/**
 * The RFC 9728 document.
 */
public class ResourceMetadataProperties {

	/**
	 * Whether /.well-known/oauth-protected-resource is served and named in every 401
	 * challenge (resource_metadata).
	 */
	private boolean enabled = true;

	/**
	 * Resource identifier, e.g. https://api.example.com/orders. Unset: the origin of each
	 * request. With a path, the document is served at the well-known path followed by it.
	 */
	private URI resource;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public URI getResource() {
		return this.resource;
	}

	public void setResource(URI resource) {
		this.resource = resource;
	}

}
