package io.vaas.operator;

import io.vaas.shared.Actor;
import io.vaas.shared.NamespaceName;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The permission checks every operator endpoint makes. Each check returns the acting
 * {@link Actor} so the caller can record who made a change.
 */
@Component
public class Access {

	private final ApplicationEventPublisher events;

	Access(ApplicationEventPublisher events) {
		this.events = events;
	}

	/**
	 * The operator behind the current request; fails with {@link AccessRefused} if none.
	 */
	public OperatorPrincipal current() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof OperatorPrincipal principal) {
			return principal;
		}
		throw new AccessRefused("This endpoint needs an operator token");
	}

	/** Requires {@code permission} on {@code namespace}. */
	public Actor require(NamespaceName namespace, Permission permission) {
		var principal = current();
		if (!principal.can(namespace, permission)) {
			throw refuse(principal, namespace.value(),
					"This token lacks the '" + permission.label() + "' permission on namespace '" + namespace + "'");
		}
		return principal.actor();
	}

	/** Requires {@code admin} on {@code *}. */
	public Actor requireSuperuser() {
		var principal = current();
		if (!principal.isSuperuser()) {
			throw refuse(principal, null, "This needs the admin role on every namespace ('*')");
		}
		return principal.actor();
	}

	/**
	 * Announces the refusal (the audit log records it) and returns the exception to
	 * throw.
	 */
	AccessRefused refuse(OperatorPrincipal principal, @Nullable String namespace, String detail) {
		events.publishEvent(new OperatorEvents.AccessDenied(principal.actor(), namespace, detail));
		return new AccessRefused(detail);
	}

}
