package dev.warden.internal.web;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Reads the client certificate that a TLS-terminating proxy forwards in a header: PEM (as nginx's
 * {@code $ssl_client_escaped_cert}, URL-encoded, or AWS ALB's, with {@code +} for spaces) or
 * base64 DER. Trusting such a header is only safe when every request reaches the service through
 * that proxy and the proxy overwrites the header; the operator names the header to opt in.
 */
public final class ClientCertificateHeader {

	private static final int MAX_LENGTH = 16 * 1024;

	private final String name;

	/**
	 * Trusts a header.
	 * @param name the header's name
	 */
	public ClientCertificateHeader(String name) {
		this.name = name;
	}

	/**
	 * The header's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Parses the header's value.
	 * @param value the value, or {@code null}
	 * @return the certificate, or {@code null} when absent or unreadable
	 */
	public static X509Certificate parse(String value) {
		if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
			return null;
		}
		String text = percentDecoded(value.trim());
		if (text == null) {
			return null;
		}
		try {
			// the MIME decoder skips line breaks and spaces, which proxies write in different ways
			byte[] der = Base64.getMimeDecoder()
				.decode(text.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", ""));
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (CertificateException | IllegalArgumentException | ClassCastException ex) {
			return null;
		}
	}

	/** Decodes %XX only: a literal '+' is base64, not a space. */
	private static String percentDecoded(String text) {
		if (text.indexOf('%') < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '%') {
				out.append(c);
				continue;
			}
			if (i + 2 >= text.length()) {
				return null;
			}
			int high = Character.digit(text.charAt(i + 1), 16);
			int low = Character.digit(text.charAt(i + 2), 16);
			if (high < 0 || low < 0 || text.charAt(i + 1) > 'f' || text.charAt(i + 2) > 'f') {
				return null;
			}
			out.append((char) (high * 16 + low));
			i += 2;
		}
		return out.toString();
	}

}
