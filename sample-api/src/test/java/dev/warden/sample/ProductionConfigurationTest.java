package dev.warden.sample;

import dev.warden.internal.introspection.IntrospectionCheckers;
import dev.warden.internal.jwt.TrustedIssuers;
import dev.warden.web.WardenHttpSecurity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample starts with its own application.yml and nothing replaced by the test kit: every
 * startup check passes on the production configuration (quoted in docs/testing.md), and what runs is
 * what application.yml says — its issuer, its own introspection client.
 */
@SpringBootTest
class ProductionConfigurationTest {

	@Autowired
	ApplicationContext context;

	@Test
	void theApplicationStartsWithItsOwnConfiguration() {
		assertThat(this.context.getBean(JwtDecoder.class)).isNotNull();
		assertThat(this.context.getBean(WardenHttpSecurity.class)).isNotNull();
		assertThat(this.context.getBean(TrustedIssuers.class).all()).singleElement()
			.satisfies((issuer) -> assertThat(issuer.issuer()).isEqualTo("http://localhost:9000"));
		assertThat(this.context.getBean(IntrospectionCheckers.class).all()).singleElement()
			.satisfies((checker) -> assertThat(checker.checker().introspector().clientId()).isEqualTo("orders-api"));
	}

}
