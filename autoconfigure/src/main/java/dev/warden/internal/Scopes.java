package dev.warden.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Scopes as Spring Security authorities: {@code SCOPE_orders:read}, as Spring Security's own
 * resource server names them. Internal: not part of Warden's API.
 */
public final class Scopes {

	/** The prefix of a scope's authority. */
	public static final String AUTHORITY_PREFIX = "SCOPE_";

	private Scopes() {
	}

	/**
	 * The authorities of granted scopes.
	 * @param scopes the scopes
	 * @return one {@code SCOPE_} authority each
	 */
	public static List<GrantedAuthority> authorities(Collection<String> scopes) {
		List<GrantedAuthority> authorities = new ArrayList<>(scopes.size());
		for (String scope : scopes) {
			authorities.add(new SimpleGrantedAuthority(AUTHORITY_PREFIX + scope));
		}
		return authorities;
	}

	/**
	 * The scopes among authorities.
	 * @param authorities an authentication's authorities
	 * @return the scopes, without the prefix, in order
	 */
	public static Set<String> granted(Collection<? extends GrantedAuthority> authorities) {
		Set<String> scopes = new LinkedHashSet<>(authorities.size() * 2);
		for (GrantedAuthority authority : authorities) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(AUTHORITY_PREFIX)) {
				scopes.add(name.substring(AUTHORITY_PREFIX.length()));
			}
		}
		return scopes;
	}

}
