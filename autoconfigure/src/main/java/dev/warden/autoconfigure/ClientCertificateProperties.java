package dev.warden.autoconfigure;

/**
 * Client certificates forwarded by a TLS-terminating proxy.
 */
public class ClientCertificateProperties {

	/**
	 * Header in which a trusted proxy forwards the client certificate (PEM, URL-encoded PEM or
	 * base64 DER), e.g. X-Client-Cert. Only safe when every request passes that proxy and the
	 * proxy overwrites the header. Unset: mutual TLS at this server only.
	 */
	private String header;

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

}
