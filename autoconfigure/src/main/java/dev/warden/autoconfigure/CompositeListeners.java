package dev.warden.autoconfigure;

import java.util.List;

import dev.warden.introspection.IntrospectionListener;
import dev.warden.jwt.DPoPListener;
import dev.warden.jwt.JwksListener;
import dev.warden.jwt.TokenRejection;
import dev.warden.jwt.TokenValidationListener;
import dev.warden.revocation.RevocationListener;
import dev.warden.scope.AuthorizationListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Every listener bean of a kind, called in order: Warden's meters and any the application
 * declares.
 */
final class CompositeListeners {

	private CompositeListeners() {
	}

	static TokenValidationListener validation(ObjectProvider<TokenValidationListener> provider) {
		List<TokenValidationListener> all = provider.orderedStream().toList();
		if (all.size() <= 1) {
			return all.isEmpty() ? TokenValidationListener.NONE : all.get(0);
		}
		return new TokenValidationListener() {
			@Override
			public void accepted(Jwt jwt, boolean cached, long nanos) {
				all.forEach((listener) -> listener.accepted(jwt, cached, nanos));
			}

			@Override
			public void rejected(TokenRejection reason, long nanos) {
				all.forEach((listener) -> listener.rejected(reason, nanos));
			}

			@Override
			public void keysUnavailable(long nanos) {
				all.forEach((listener) -> listener.keysUnavailable(nanos));
			}

			@Override
			public void accepted(String issuer, Jwt jwt, boolean cached, long nanos) {
				all.forEach((listener) -> listener.accepted(issuer, jwt, cached, nanos));
			}

			@Override
			public void rejected(String issuer, TokenRejection reason, long nanos) {
				all.forEach((listener) -> listener.rejected(issuer, reason, nanos));
			}

			@Override
			public void keysUnavailable(String issuer, long nanos) {
				all.forEach((listener) -> listener.keysUnavailable(issuer, nanos));
			}
		};
	}

	static JwksListener jwks(ObjectProvider<JwksListener> provider) {
		List<JwksListener> all = provider.orderedStream().toList();
		if (all.size() <= 1) {
			return all.isEmpty() ? JwksListener.NONE : all.get(0);
		}
		return new JwksListener() {
			@Override
			public void fetched(int keys) {
				all.forEach((listener) -> listener.fetched(keys));
			}

			@Override
			public void fetchFailed() {
				all.forEach(JwksListener::fetchFailed);
			}

			@Override
			public void rateLimited() {
				all.forEach(JwksListener::rateLimited);
			}

			@Override
			public void fetched(String issuer, int keys) {
				all.forEach((listener) -> listener.fetched(issuer, keys));
			}

			@Override
			public void fetchFailed(String issuer) {
				all.forEach((listener) -> listener.fetchFailed(issuer));
			}

			@Override
			public void rateLimited(String issuer) {
				all.forEach((listener) -> listener.rateLimited(issuer));
			}
		};
	}

	static IntrospectionListener introspection(ObjectProvider<IntrospectionListener> provider) {
		List<IntrospectionListener> all = provider.orderedStream().toList();
		if (all.size() <= 1) {
			return all.isEmpty() ? IntrospectionListener.NONE : all.get(0);
		}
		return new IntrospectionListener() {
			@Override
			public void call(Outcome outcome, long nanos) {
				all.forEach((listener) -> listener.call(outcome, nanos));
			}

			@Override
			public void call(String issuer, Outcome outcome, long nanos) {
				all.forEach((listener) -> listener.call(issuer, outcome, nanos));
			}

			@Override
			public void cacheHit(String issuer) {
				all.forEach((listener) -> listener.cacheHit(issuer));
			}

			@Override
			public void cacheMiss(String issuer) {
				all.forEach((listener) -> listener.cacheMiss(issuer));
			}

			@Override
			public void revoked(String issuer, long nanos) {
				all.forEach((listener) -> listener.revoked(issuer, nanos));
			}

			@Override
			public void unavailable(String issuer, long nanos) {
				all.forEach((listener) -> listener.unavailable(issuer, nanos));
			}

			@Override
			public void cacheHit() {
				all.forEach(IntrospectionListener::cacheHit);
			}

			@Override
			public void cacheMiss() {
				all.forEach(IntrospectionListener::cacheMiss);
			}

			@Override
			public void revoked(long nanos) {
				all.forEach((listener) -> listener.revoked(nanos));
			}

			@Override
			public void unavailable(long nanos) {
				all.forEach((listener) -> listener.unavailable(nanos));
			}
		};
	}

	static DPoPListener dpop(ObjectProvider<DPoPListener> provider) {
		List<DPoPListener> all = provider.orderedStream().toList();
		if (all.size() <= 1) {
			return all.isEmpty() ? DPoPListener.NONE : all.get(0);
		}
		return new DPoPListener() {
			@Override
			public void proofChecked(String outcome, long nanos) {
				all.forEach((listener) -> listener.proofChecked(outcome, nanos));
			}
		};
	}

	static RevocationListener revocation(ObjectProvider<RevocationListener> provider) {
		List<RevocationListener> all = provider.orderedStream().toList();
		if (all.size() <= 1) {
			return all.isEmpty() ? RevocationListener.NONE : all.get(0);
		}
		return new RevocationListener() {
			@Override
			public void pushed(String result) {
				all.forEach((listener) -> listener.pushed(result));
			}

			@Override
			public void event(String type, String outcome) {
				all.forEach((listener) -> listener.event(type, outcome));
			}

			@Override
			public void refused() {
				all.forEach(RevocationListener::refused);
			}

			@Override
			public void sharedStoreFailed(String operation) {
				all.forEach((listener) -> listener.sharedStoreFailed(operation));
			}
		};
	}

	static AuthorizationListener authorization(ObjectProvider<AuthorizationListener> provider) {
		List<AuthorizationListener> all = provider.orderedStream().toList();
		if (all.size() <= 1) {
			return all.isEmpty() ? AuthorizationListener.NONE : all.get(0);
		}
		return (outcome, route) -> all.forEach((listener) -> listener.decided(outcome, route));
	}

}
