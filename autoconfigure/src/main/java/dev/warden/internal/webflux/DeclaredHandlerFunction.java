package dev.warden.internal.webflux;

import dev.warden.internal.scope.EndpointRequirement;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A functional route's handler with the requirement it declares (see
 * {@code dev.warden.web.WardenRoutes}): the endpoint registry finds the requirement of the handler
 * a request is routed to, as it finds an annotated controller method's.
 *
 * @param <T> the response type
 * @param requirement what the route requires
 * @param delegate the application's handler
 */
public record DeclaredHandlerFunction<T extends ServerResponse>(EndpointRequirement requirement,
		HandlerFunction<T> delegate) implements HandlerFunction<T> {

	@Override
	public Mono<T> handle(ServerRequest request) {
		return this.delegate.handle(request);
	}

}
