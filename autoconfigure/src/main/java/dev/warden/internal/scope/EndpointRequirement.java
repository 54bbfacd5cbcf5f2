package dev.warden.internal.scope;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.warden.scope.Authenticated;
import dev.warden.scope.PublicEndpoint;
import dev.warden.scope.RequireAnyScope;
import dev.warden.scope.RequireDPoP;
import dev.warden.scope.RequireIssuer;
import dev.warden.scope.RequireLiveCheck;
import dev.warden.scope.RequireScope;
import dev.warden.scope.RequireStepUp;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * What an endpoint requires of a request, as declared by its annotations.
 *
 * @param rule the kind of requirement
 * @param scopes the scopes named ({@link Rule#ALL_OF} and {@link Rule#ANY_OF} only)
 * @param liveCheck whether the token is also checked live ({@link RequireLiveCheck})
 * @param dpop whether only DPoP-bound tokens are accepted ({@link RequireDPoP})
 * @param stepUp the sign-in the endpoint needs ({@link RequireStepUp}), or {@code null}
 * @param issuers the configured names of the issuers whose tokens it accepts ({@link RequireIssuer});
 * empty for every trusted issuer
 */
public record EndpointRequirement(Rule rule, Set<String> scopes, boolean liveCheck, boolean dpop, StepUp stepUp,
		Set<String> issuers) {

	/**
	 * A requirement without an issuer restriction.
	 * @param rule the kind of requirement
	 * @param scopes the scopes named
	 * @param liveCheck whether the token is also checked live
	 * @param dpop whether only DPoP-bound tokens are accepted
	 * @param stepUp the sign-in the endpoint needs, or {@code null}
	 */
	public EndpointRequirement(Rule rule, Set<String> scopes, boolean liveCheck, boolean dpop, StepUp stepUp) {
		this(rule, scopes, liveCheck, dpop, stepUp, Set.of());
	}

	static final String PERMIT_ALL = "jakarta.annotation.security.PermitAll";

	static final String PRE_AUTHORIZE = "org.springframework.security.access.prepost.PreAuthorize";

	/** The kinds of requirement. */
	public enum Rule {

		/** No token needed. */
		PUBLIC,

		/** Any valid token. */
		AUTHENTICATED,

		/** A valid token granting every listed scope. */
		ALL_OF,

		/** A valid token granting at least one listed scope. */
		ANY_OF,

		/** The endpoint declares nothing: the default policy applies. */
		UNDECLARED,

		/** A handler of the framework, not the application's to annotate: any valid token. */
		FRAMEWORK,

		/** Declared with {@code @PreAuthorize} only: any valid token, then method security decides. */
		METHOD_SECURITY

	}

	/** No declaration. */
	public static final EndpointRequirement UNDECLARED = new EndpointRequirement(Rule.UNDECLARED, Set.of(), false, false, null);

	/** Any valid token. */
	public static final EndpointRequirement AUTHENTICATED = new EndpointRequirement(Rule.AUTHENTICATED, Set.of(), false, false, null);

	/** No token needed. */
	public static final EndpointRequirement PUBLIC = new EndpointRequirement(Rule.PUBLIC, Set.of(), false, false, null);

	/** Declared with method security only. */
	public static final EndpointRequirement METHOD_SECURITY = new EndpointRequirement(Rule.METHOD_SECURITY, Set.of(),
			false, false, null);

	/** A framework handler. */
	public static final EndpointRequirement FRAMEWORK = new EndpointRequirement(Rule.FRAMEWORK, Set.of(), false, false, null);

	/**
	 * A requirement of all these scopes.
	 * @param scopes the scopes
	 * @return the requirement
	 */
	public static EndpointRequirement allOf(Set<String> scopes) {
		return new EndpointRequirement(Rule.ALL_OF, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(scopes)),
				false, false, null);
	}

	/**
	 * Reads the requirement declared on a handler method, else on its class.
	 * @param method the handler method
	 * @param type the controller class
	 * @return the requirement, {@link #UNDECLARED} when neither declares one
	 * @throws IllegalStateException when one element declares conflicting requirements
	 */
	public static EndpointRequirement of(Method method, Class<?> type) {
		EndpointRequirement onMethod = declaredOn(method, describe(method));
		EndpointRequirement declared = (onMethod != null) ? onMethod : declaredOn(type, type.getName());
		if (declared == null) {
			declared = UNDECLARED;
		}
		boolean liveCheck = isPresent(RequireLiveCheck.class, method, type);
		if (liveCheck && declared.rule() == Rule.PUBLIC) {
			throw new IllegalStateException(describe(method)
					+ " is public and requires a live token check: a public endpoint has no token to check");
		}
		boolean dpop = isPresent(RequireDPoP.class, method, type);
		if (dpop && declared.rule() == Rule.PUBLIC) {
			throw new IllegalStateException(describe(method)
					+ " is public and requires DPoP-bound tokens: a public endpoint reads no token");
		}
		StepUp stepUp = stepUp(method, type);
		if (stepUp != null && declared.rule() == Rule.PUBLIC) {
			throw new IllegalStateException(describe(method)
					+ " is public and requires a step-up sign-in: a public endpoint reads no token");
		}
		Set<String> issuers = issuers(method, type);
		if (!issuers.isEmpty() && declared.rule() == Rule.PUBLIC) {
			throw new IllegalStateException(describe(method)
					+ " is public and restricts issuers: a public endpoint reads no token");
		}
		return (liveCheck || dpop || stepUp != null || !issuers.isEmpty())
				? new EndpointRequirement(declared.rule(), declared.scopes(), liveCheck, dpop, stepUp, issuers)
				: declared;
	}

	/** The method's {@link RequireIssuer}, else the class's; empty when neither has one. */
	private static Set<String> issuers(Method method, Class<?> type) {
		MergedAnnotation<RequireIssuer> annotation = MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY)
			.get(RequireIssuer.class);
		String where = describe(method);
		if (!annotation.isPresent()) {
			annotation = MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY).get(RequireIssuer.class);
			where = type.getName();
		}
		if (!annotation.isPresent()) {
			return Set.of();
		}
		return issuers(annotation.getStringArray("value"), where, "@RequireIssuer");
	}

	/** Issuer names, checked: {@code declaration} is how the declaration is written. */
	private static Set<String> issuers(String[] values, String where, String declaration) {
		Set<String> names = new LinkedHashSet<>();
		for (String name : values) {
			if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
				throw new IllegalStateException(where + " has " + declaration + " with the name '" + name
						+ "': name a configured issuer (default, or a key of warden.issuers)");
			}
			names.add(name);
		}
		if (names.isEmpty()) {
			throw new IllegalStateException(where + " has " + declaration + " without any issuer name");
		}
		return java.util.Collections.unmodifiableSet(names);
	}

	/**
	 * A requirement declared in code rather than with annotations (functional routes), checked as
	 * the annotations are.
	 * @param rule {@link Rule#ALL_OF}, {@link Rule#ANY_OF}, {@link Rule#AUTHENTICATED} or
	 * {@link Rule#PUBLIC}
	 * @param scopes the scopes ({@code ALL_OF} and {@code ANY_OF} only)
	 * @param liveCheck whether the token is also checked live
	 * @param dpop whether only DPoP-bound tokens are accepted
	 * @param acr the lowest {@code acr} of a step-up, or {@code null}
	 * @param maxAge the longest age of the sign-in of a step-up, or {@code null}
	 * @param issuers the configured names of the accepted issuers, or {@code null} for all
	 * @param where what declares it, for messages
	 * @return the requirement
	 * @throws IllegalStateException when the declaration cannot be met
	 */
	public static EndpointRequirement declared(Rule rule, String[] scopes, boolean liveCheck, boolean dpop, String acr,
			String maxAge, String[] issuers, String where) {
		Set<String> checkedScopes = switch (rule) {
			case ALL_OF -> scopes(scopes, "requireScope", where);
			case ANY_OF -> scopes(scopes, "requireAnyScope", where);
			case AUTHENTICATED, PUBLIC -> Set.of();
			default -> throw new IllegalArgumentException("A route declares " + rule + ": not a declaration");
		};
		StepUp stepUp = (acr != null || maxAge != null)
				? stepUp((acr != null) ? acr : "", (maxAge != null) ? maxAge : "", where, "stepUp") : null;
		Set<String> names = (issuers != null) ? issuers(issuers, where, "issuers") : Set.of();
		if (rule == Rule.PUBLIC && (liveCheck || dpop || stepUp != null || !names.isEmpty())) {
			throw new IllegalStateException(where + " is public and declares a live check, DPoP, a step-up or "
					+ "issuers: a public endpoint reads no token");
		}
		return new EndpointRequirement(rule, checkedScopes, liveCheck, dpop, stepUp, names);
	}

	/** The method's {@link RequireStepUp}, else the class's. */
	private static StepUp stepUp(Method method, Class<?> type) {
		MergedAnnotation<RequireStepUp> annotation = MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY)
			.get(RequireStepUp.class);
		String where = describe(method);
		if (!annotation.isPresent()) {
			annotation = MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY).get(RequireStepUp.class);
			where = type.getName();
		}
		if (!annotation.isPresent()) {
			return null;
		}
		return stepUp(annotation.getString("acr"), annotation.getString("maxAge"), where, "@RequireStepUp");
	}

	/** A step-up from its values, checked: {@code name} is how the declaration is written. */
	private static StepUp stepUp(String acrValue, String maxAgeValue, String where, String name) {
		String acr = acrValue.trim();
		String maxAge = maxAgeValue.trim();
		if (acr.isEmpty() && maxAge.isEmpty()) {
			throw new IllegalStateException(where + " has " + name + " without acr or maxAge: name the level "
					+ "(e.g. acr = \"mfa\") or the age of the sign-in (e.g. maxAge = \"300s\")");
		}
		if (acr.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalStateException(where + " has " + name + " with the acr '" + acr
					+ "': an acr value is one word");
		}
		Duration age = null;
		if (!maxAge.isEmpty()) {
			try {
				age = DurationStyle.detectAndParse(maxAge);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(where + " has " + name + " with maxAge '" + maxAge
						+ "', which is not a duration: write e.g. 300s, 5m or PT5M");
			}
			if (age.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalStateException(where + " has " + name + " with maxAge '" + maxAge
						+ "', which is less than a second (a number without a unit counts milliseconds): write e.g. 300s");
			}
		}
		return new StepUp(acr.isEmpty() ? null : acr, age);
	}

	private static boolean isPresent(Class<? extends Annotation> annotation, Method method, Class<?> type) {
		return MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY).isPresent(annotation)
				|| MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY).isPresent(annotation);
	}

	private static EndpointRequirement declaredOn(AnnotatedElement element, String where) {
		MergedAnnotations annotations = MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY);
		for (Class<? extends Annotation> type : List.of(RequireScope.class, RequireAnyScope.class)) {
			long distinct = annotations.stream(type).map((a) -> List.of(a.getStringArray("value"))).distinct().count();
			if (distinct > 1) {
				throw new IllegalStateException(where + " carries @" + type.getSimpleName()
						+ " more than once (directly or through meta-annotations) with different scopes: "
						+ "combine them into one declaration");
			}
		}
		List<EndpointRequirement> found = new ArrayList<>();
		MergedAnnotation<RequireScope> all = annotations.get(RequireScope.class);
		if (all.isPresent()) {
			found.add(new EndpointRequirement(Rule.ALL_OF, scopes(all.getStringArray("value"), RequireScope.class, where),
					false, false, null));
		}
		MergedAnnotation<RequireAnyScope> any = annotations.get(RequireAnyScope.class);
		if (any.isPresent()) {
			found.add(new EndpointRequirement(Rule.ANY_OF,
					scopes(any.getStringArray("value"), RequireAnyScope.class, where), false, false, null));
		}
		if (annotations.isPresent(Authenticated.class)) {
			found.add(AUTHENTICATED);
		}
		if (annotations.isPresent(PublicEndpoint.class) || annotations.isPresent(PERMIT_ALL)) {
			found.add(PUBLIC);
		}
		if (found.isEmpty() && annotations.isPresent(PRE_AUTHORIZE)) {
			// the team decides with method security; Warden only requires a valid token first
			found.add(METHOD_SECURITY);
		}
		if (found.size() > 1) {
			throw new IllegalStateException(where + " declares conflicting access rules " + found
					+ ": keep exactly one of @RequireScope, @RequireAnyScope, @Authenticated, @PublicEndpoint/@PermitAll");
		}
		return found.isEmpty() ? null : found.get(0);
	}

	private static Set<String> scopes(String[] values, Class<? extends Annotation> annotation, String where) {
		return scopes(values, "@" + annotation.getSimpleName(), where);
	}

	private static Set<String> scopes(String[] values, String name, String where) {
		Set<String> scopes = new LinkedHashSet<>();
		for (String value : values) {
			if (value == null || value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
				throw new IllegalStateException(where + " has " + name + " with the scope '"
						+ value + "': a scope is a non-empty word without spaces");
			}
			scopes.add(value);
		}
		if (scopes.isEmpty()) {
			throw new IllegalStateException(where + " has " + name + " without any scope");
		}
		return java.util.Collections.unmodifiableSet(scopes);
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "#" + method.getName();
	}

	/**
	 * A short description for logs and the inventory, e.g. {@code scope orders:read}.
	 * @return the description
	 */
	public String describe() {
		return describeRule() + (this.liveCheck ? " + live check" : "") + (this.dpop ? " + DPoP" : "")
				+ ((this.stepUp != null) ? " + step-up (" + this.stepUp.describe() + ")" : "")
				+ (this.issuers.isEmpty() ? "" : " + issuers " + String.join(" ", this.issuers));
	}

	private String describeRule() {
		return switch (this.rule) {
			case PUBLIC -> "public";
			case AUTHENTICATED -> "authenticated";
			case ALL_OF -> ((this.scopes.size() == 1) ? "scope " : "all of scopes ") + String.join(" ", this.scopes);
			case ANY_OF -> "any of scopes " + String.join(" ", this.scopes);
			case UNDECLARED -> "undeclared";
			case FRAMEWORK -> "framework (authenticated)";
			case METHOD_SECURITY -> "authenticated + @PreAuthorize";
		};
	}

	@Override
	public String toString() {
		return describe();
	}

}
