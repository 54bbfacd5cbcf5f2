package dev.warden.internal.webflux;

import java.util.List;
import java.util.function.Predicate;

import dev.warden.internal.scope.EndpointRequirement;
import dev.warden.internal.web.AuthorizationHeader;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads the access token of an exchange through the same {@link AuthorizationHeader} as the
 * servlet stack ({@code Bearer}, and {@code DPoP} when on), and records the scheme for the
 * pipeline. No token is read on public paths and public endpoints: a stale token there does not
 * turn a public answer into a 401.
 */
public final class ServerBearerTokenConverter implements ServerAuthenticationConverter {

	private final AuthorizationHeader header;

	private final Predicate<ServerWebExchange> publicPaths;

	private final ReactiveEndpointRegistry registry;

	/**
	 * Creates the converter.
	 * @param header reads the header
	 * @param publicPaths exchanges on {@code warden.public-paths}
	 * @param registry the endpoints, or {@code null}
	 */
	public ServerBearerTokenConverter(AuthorizationHeader header, Predicate<ServerWebExchange> publicPaths,
			ReactiveEndpointRegistry registry) {
		this.header = header;
		this.publicPaths = publicPaths;
		this.registry = registry;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		if (this.publicPaths.test(exchange)) {
			return Mono.empty();
		}
		if (this.registry == null) {
			return Mono.defer(() -> read(exchange));
		}
		return this.registry.lookup(exchange).flatMap((lookup) -> isPublic(lookup) ? Mono.empty() : read(exchange));
	}

	private static boolean isPublic(ReactiveEndpointRegistry.Lookup lookup) {
		return lookup.kind() == ReactiveEndpointRegistry.Kind.HANDLER
				&& lookup.requirement().rule() == EndpointRequirement.Rule.PUBLIC;
	}

	private Mono<Authentication> read(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		ServerTokenRequest tokenRequest = ServerTokenRequest.of(exchange);
		AuthorizationHeader.Presented presented = this.header.read(values(headers, HttpHeaders.AUTHORIZATION),
				() -> values(headers, ServerTokenRequest.DPOP_HEADER), (scheme) -> {
					if (tokenRequest != null) {
						tokenRequest.scheme(scheme);
					}
				});
		return (presented != null) ? Mono.just(new BearerTokenAuthenticationToken(presented.token())) : Mono.empty();
	}

	private static List<String> values(HttpHeaders headers, String name) {
		List<String> values = headers.get(name);
		return (values != null) ? values : List.of();
	}

}
