package dev.warden.web;

import java.util.Arrays;

import dev.warden.internal.scope.EndpointRequirement;
import dev.warden.internal.webflux.DeclaredHandlerFunction;

import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Declares what a WebFlux functional route requires, as Warden's annotations do on a
 * {@code @RestController} method: Warden finds the declaration of the handler a request is routed
 * to, and a route declared with none follows the default policy ({@code deny} unless set
 * otherwise). For example:
 * <pre class="code">
 * route().GET("/api/orders", WardenRoutes.requireScope("orders:read").handle(orders::list))
 *     .DELETE("/api/orders/{id}", WardenRoutes.requireScope("orders:admin").liveCheck().handle(orders::delete))
 *     .build();
 * </pre>
 * A declaration is checked when it is made: an empty scope, a malformed {@code maxAge}, or a public
 * route that asks for anything else fails at once.
 */
public final class WardenRoutes {

	private static final String WHERE = "A functional route";

	private final EndpointRequirement.Rule rule;

	private final String[] scopes;

	private final boolean liveCheck;

	private final boolean dpop;

	private final String acr;

	private final String maxAge;

	private final String[] issuers;

	private WardenRoutes(EndpointRequirement.Rule rule, String[] scopes, boolean liveCheck, boolean dpop, String acr,
			String maxAge, String[] issuers) {
		this.rule = rule;
		this.scopes = scopes;
		this.liveCheck = liveCheck;
		this.dpop = dpop;
		this.acr = acr;
		this.maxAge = maxAge;
		this.issuers = issuers;
	}

	/**
	 * A route that needs every one of the scopes, as {@code @RequireScope}.
	 * @param scopes the scopes
	 * @return the declaration
	 */
	public static WardenRoutes requireScope(String... scopes) {
		return new WardenRoutes(EndpointRequirement.Rule.ALL_OF, scopes.clone(), false, false, null, null, null);
	}

	/**
	 * A route that needs at least one of the scopes, as {@code @RequireAnyScope}.
	 * @param scopes the scopes
	 * @return the declaration
	 */
	public static WardenRoutes requireAnyScope(String... scopes) {
		return new WardenRoutes(EndpointRequirement.Rule.ANY_OF, scopes.clone(), false, false, null, null, null);
	}

	/**
	 * A route that needs any valid token, as {@code @Authenticated}.
	 * @return the declaration
	 */
	public static WardenRoutes authenticated() {
		return new WardenRoutes(EndpointRequirement.Rule.AUTHENTICATED, new String[0], false, false, null, null, null);
	}

	/**
	 * A route that needs no token and reads none, as {@code @PublicEndpoint}.
	 * @return the declaration
	 */
	public static WardenRoutes publicEndpoint() {
		return new WardenRoutes(EndpointRequirement.Rule.PUBLIC, new String[0], false, false, null, null, null);
	}

	/**
	 * Also checks the token live with its issuer, as {@code @RequireLiveCheck}.
	 * @return a new declaration
	 */
	public WardenRoutes liveCheck() {
		return new WardenRoutes(this.rule, this.scopes, true, this.dpop, this.acr, this.maxAge, this.issuers);
	}

	/**
	 * Accepts DPoP-bound tokens only, as {@code @RequireDPoP}.
	 * @return a new declaration
	 */
	public WardenRoutes dpop() {
		return new WardenRoutes(this.rule, this.scopes, this.liveCheck, true, this.acr, this.maxAge, this.issuers);
	}

	/**
	 * Needs a sign-in at a level and no older than an age, as {@code @RequireStepUp}.
	 * @param acr the lowest level of {@code warden.step-up.acr-levels}, or an empty string for any
	 * @param maxAge the longest age of the sign-in (e.g. {@code 300s}), or an empty string for any
	 * @return a new declaration
	 */
	public WardenRoutes stepUp(String acr, String maxAge) {
		return new WardenRoutes(this.rule, this.scopes, this.liveCheck, this.dpop, acr, maxAge, this.issuers);
	}

	/**
	 * Accepts tokens of the named issuers only ({@code warden.issuers.<name>}), as
	 * {@code @RequireIssuer}.
	 * @param names the issuers' configured names
	 * @return a new declaration
	 */
	public WardenRoutes issuers(String... names) {
		return new WardenRoutes(this.rule, this.scopes, this.liveCheck, this.dpop, this.acr, this.maxAge,
				names.clone());
	}

	/**
	 * The route's handler with this declaration.
	 * @param <T> the response type
	 * @param handler the application's handler
	 * @return the declared handler, to register with {@code RouterFunctions}
	 * @throws IllegalStateException when the declaration cannot be met
	 */
	public <T extends ServerResponse> HandlerFunction<T> handle(HandlerFunction<T> handler) {
		EndpointRequirement requirement = EndpointRequirement.declared(this.rule, this.scopes, this.liveCheck,
				this.dpop, this.acr, this.maxAge, this.issuers, WHERE);
		return new DeclaredHandlerFunction<>(requirement, handler);
	}

	@Override
	public String toString() {
		return this.rule + " " + Arrays.toString(this.scopes);
	}

}
