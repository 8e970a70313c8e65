package io.vaas.operator;

import io.vaas.shared.NamespaceName;

/**
 * A role on one namespace, or on every namespace when the scope is {@code *}.
 *
 * @param namespace a namespace name or {@code *}
 * @param role the role granted there
 */
public record Grant(String namespace, Role role) {

	public static final String EVERYWHERE = "*";

	public Grant {
		if (!EVERYWHERE.equals(namespace)) {
			NamespaceName.of(namespace);
		}
	}

	public boolean covers(NamespaceName name) {
		return EVERYWHERE.equals(namespace) || namespace.equals(name.value());
	}

	public boolean isSuperuser() {
		return EVERYWHERE.equals(namespace) && role == Role.ADMIN;
	}

}
