package dev.warden.test;

import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/**
 * Builds the security context of {@link WithJwt}: a real token from the shared
 * {@link WardenTestIssuer}, turned into an authentication by the application's own JWT
 * authentication converter (Warden's, configured by {@code warden.scopes.*}), the one its filter
 * chain uses: authorities and principal name come out exactly as in production, and a slice test
 * notices when scope parsing changes.
 */
public class WithJwtSecurityContextFactory implements WithSecurityContextFactory<WithJwt>, BeanFactoryAware {

	/** The type of Warden's converter, as the filter chain sees it. */
	private static final ResolvableType CONVERTER = ResolvableType.forClassWithGenerics(Converter.class, Jwt.class,
			AbstractAuthenticationToken.class);

	private static final String WARDEN_CONVERTER = "wardenJwtAuthenticationConverter";

	private BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public SecurityContext createSecurityContext(WithJwt annotation) {
		TestToken token = WardenTestIssuer.shared(annotation.audience()).token();
		if (annotation.scopes().length > 0) {
			token.scopes(annotation.scopes());
		}
		if (annotation.subject().isEmpty()) {
			token.without("sub");
		}
		else {
			token.subject(annotation.subject());
		}
		if (!annotation.clientId().isEmpty()) {
			token.clientId(annotation.clientId());
		}
		if (!annotation.acr().isEmpty()) {
			token.acr(annotation.acr());
		}
		if (annotation.authTimeSecondsAgo() >= 0) {
			token.authTime(Instant.now().minusSeconds(annotation.authTimeSecondsAgo()));
		}
		Jwt jwt = toJwt(token.sign());
		AbstractAuthenticationToken authentication = converter().convert(jwt);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		return context;
	}

	@SuppressWarnings("unchecked")
	private Converter<Jwt, AbstractAuthenticationToken> converter() {
		if (!(this.beanFactory instanceof ListableBeanFactory beans)) {
			throw new IllegalStateException("@WithJwt needs the test's application context, where Warden's "
					+ "authentication converter turns the token into an authentication");
		}
		String[] names = beans.getBeanNamesForType(CONVERTER);
		if (names.length == 1) {
			return (Converter<Jwt, AbstractAuthenticationToken>) beans.getBean(names[0]);
		}
		if (List.of(names).contains(WARDEN_CONVERTER)) {
			return (Converter<Jwt, AbstractAuthenticationToken>) beans.getBean(WARDEN_CONVERTER);
		}
		throw new IllegalStateException("@WithJwt needs exactly one JWT authentication converter (Warden's, bean '"
				+ WARDEN_CONVERTER + "') in the test's application context, found " + List.of(names)
				+ ": is Warden's auto-configuration part of the test?");
	}

	private static Jwt toJwt(String token) {
		try {
			SignedJWT signed = SignedJWT.parse(token);
			Map<String, Object> claims = new LinkedHashMap<>(signed.getPayload().toJSONObject());
			for (String time : List.of("exp", "iat", "nbf")) {
				if (claims.get(time) instanceof Number seconds) {
					claims.put(time, Instant.ofEpochSecond(seconds.longValue()));
				}
			}
			if (claims.get("aud") instanceof String audience) {
				claims.put("aud", List.of(audience));
			}
			return Jwt.withTokenValue(token)
				.headers((headers) -> headers.putAll(signed.getHeader().toJSONObject()))
				.claims((values) -> values.putAll(claims))
				.build();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
