package dev.warden.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in a test, for mutual TLS and certificate-bound tokens (RFC 8705): a
 * certificate authority, a server certificate for {@code localhost} and {@code 127.0.0.1}, and
 * client certificates, each with its key, as PKCS#12 key stores or PEM. For example:
 * <pre>{@code
 * TestCertificates.Authority ca = TestCertificates.authority();
 * TestCertificates.Issued server = ca.server();
 * TestCertificates.Issued client = ca.client("CN=orders-client");
 * String token = issuer.token().boundTo(client.certificate()).sign();
 * }</pre>
 */
public final class TestCertificates {

	private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

	private static final char[] PASSWORD = "changeit".toCharArray();

	private TestCertificates() {
	}

	/**
	 * A new certificate authority (EC P-256), valid for a day.
	 * @return the authority
	 */
	public static Authority authority() {
		KeyPair keys = keyPair();
		X500Name name = new X500Name("CN=Warden Test CA " + SERIAL.incrementAndGet());
		X509Certificate certificate = build(name, keys, name, keys, true, null);
		return new Authority(new Issued(certificate, keys));
	}

	/**
	 * The PKCS#12 password of every key store made here.
	 * @return the password
	 */
	public static String password() {
		return new String(PASSWORD);
	}

	/**
	 * The SHA-256 thumbprint a certificate-bound token carries in {@code cnf.x5t#S256}.
	 * @param certificate the certificate
	 * @return the unpadded base64url thumbprint
	 */
	public static String thumbprint(X509Certificate certificate) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A certificate in PEM.
	 * @param certificate the certificate
	 * @return the PEM text
	 */
	public static String pem(X509Certificate certificate) {
		try {
			return "-----BEGIN CERTIFICATE-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509Certificate build(X500Name issuer, KeyPair issuerKeys, X500Name subject, KeyPair subjectKeys,
			boolean authority, GeneralNames alternativeNames) {
		Instant now = Instant.now();
		try {
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
					BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofMinutes(5))),
					Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
			if (alternativeNames != null) {
				builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
			}
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
		}
		catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A certificate authority that issues server and client certificates. */
	public static final class Authority {

		private final Issued self;

		private Authority(Issued self) {
			this.self = self;
		}

		/**
		 * The authority's own certificate, for trust stores.
		 * @return the certificate
		 */
		public X509Certificate certificate() {
			return this.self.certificate();
		}

		/**
		 * A trust store holding the authority's certificate.
		 * @param file where to write it (PKCS#12)
		 * @return the file
		 */
		public Path trustStore(Path file) {
			try {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, PASSWORD);
				store.setCertificateEntry("ca", this.self.certificate());
				return write(store, file);
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * A server certificate for {@code localhost} and {@code 127.0.0.1}.
		 * @return the certificate and its key
		 */
		public Issued server() {
			GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
					new GeneralName(GeneralName.iPAddress, "127.0.0.1") });
			return issue("CN=localhost", names);
		}

		/**
		 * A client certificate.
		 * @param subject the subject, e.g. {@code CN=orders-client}
		 * @return the certificate and its key
		 */
		public Issued client(String subject) {
			return issue(subject, null);
		}

		private Issued issue(String subject, GeneralNames names) {
			KeyPair keys = keyPair();
			X509Certificate certificate = build(X500Name.getInstance(
					new X500Name(this.self.certificate().getSubjectX500Principal().getName()).toASN1Primitive()),
					this.self.keys, new X500Name(subject), keys, false, names);
			return new Issued(certificate, keys, this.self.certificate());
		}

	}

	/** A certificate with its key (and the chain up to its authority). */
	public static final class Issued {

		private final X509Certificate certificate;

		private final KeyPair keys;

		private final X509Certificate[] chain;

		private Issued(X509Certificate certificate, KeyPair keys, X509Certificate... authorities) {
			this.certificate = certificate;
			this.keys = keys;
			this.chain = new X509Certificate[authorities.length + 1];
			this.chain[0] = certificate;
			System.arraycopy(authorities, 0, this.chain, 1, authorities.length);
		}

		/**
		 * The certificate.
		 * @return the certificate
		 */
		public X509Certificate certificate() {
			return this.certificate;
		}

		/**
		 * Its SHA-256 thumbprint ({@code cnf.x5t#S256}).
		 * @return the thumbprint
		 */
		public String thumbprint() {
			return TestCertificates.thumbprint(this.certificate);
		}

		/**
		 * A key store with the certificate, its chain and its key.
		 * @param file where to write it (PKCS#12, password {@link TestCertificates#password()})
		 * @return the file
		 */
		public Path keyStore(Path file) {
			try {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, PASSWORD);
				store.setKeyEntry("key", this.keys.getPrivate(), PASSWORD, this.chain);
				return write(store, file);
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * The key store as bytes.
		 * @return the PKCS#12 bytes
		 */
		public byte[] keyStoreBytes() {
			try {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, PASSWORD);
				store.setKeyEntry("key", this.keys.getPrivate(), PASSWORD, this.chain);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				store.store(out, PASSWORD);
				return out.toByteArray();
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	private static Path write(KeyStore store, Path file) throws IOException, GeneralSecurityException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, PASSWORD);
		}
		return file;
	}

}
