package dev.warden.sample.reactive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The orders API of {@code sample-api} on Spring WebFlux, protected by Warden. Its only security
 * configuration is {@code application.yml}, the same as the servlet sample's.
 */
@SpringBootApplication
public class SampleApiReactiveApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApiReactiveApplication.class, args);
	}

}
