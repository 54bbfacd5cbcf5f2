package dev.warden.security.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.bridge.SLF4JBridgeHandler;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every HTTP-level security test shares: a {@link Client} to the application on its random
 * port, and, after each test, the check that no token the test sent appears in the captured log
 * output (after checking that the application's log, SLF4J and java.util.logging alike, really
 * reaches that output).
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class AppTestSupport {

	@LocalServerPort
	protected int port;

	protected final TokenTrail trail = new TokenTrail();

	protected Client client;

	@BeforeEach
	void openClient() {
		// Spring Boot removes its java.util.logging bridge when another test context of this JVM starts or stops;
		// without it, Tomcat's (and OkHttp's) log lines would silently escape the leak check
		if (!SLF4JBridgeHandler.isInstalled()) {
			SLF4JBridgeHandler.removeHandlersForRootLogger();
			SLF4JBridgeHandler.install();
		}
		this.client = new Client(this.port, this.trail);
	}

	@AfterEach
	void noTokenTextInTheLog(CapturedOutput output) {
		// the check below is only worth something if the application's log really reaches the captured output
		// (SLF4J for Spring and Warden, java.util.logging for Tomcat, OkHttp and the JDK HTTP client)
		String marker = "log-capture-probe-" + java.util.UUID.randomUUID();
		org.slf4j.LoggerFactory.getLogger("dev.warden.security.probe").warn(marker + "-slf4j");
		java.util.logging.Logger.getLogger("org.apache.catalina.probe").severe(marker + "-jul");
		assertThat(output.getAll()).as("the application log reaches the captured output")
			.contains(marker + "-slf4j", marker + "-jul");
		this.trail.assertNotIn(output);
	}

}
