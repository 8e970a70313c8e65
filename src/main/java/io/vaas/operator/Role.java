package io.vaas.operator;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static io.vaas.operator.Permission.*;

/** A named set of permissions, granted to a token per namespace (or on {@code *}). */
public enum Role {

	ADMIN("admin", EnumSet.allOf(Permission.class)),

	EDITOR("editor", EnumSet.of(READ, WRITE_CONFIG, WRITE_BUNDLE, MANAGE_SEEDS)),

	SECRET_WRITER("secret-writer", EnumSet.of(READ, WRITE_SECRET)),

	SECRET_READER("secret-reader", EnumSet.of(READ, REVEAL_SECRET)),

	VIEWER("viewer", EnumSet.of(READ));

	private final String label;

	private final Set<Permission> permissions;

	Role(String label, Set<Permission> permissions) {
		this.label = label;
		this.permissions = permissions;
	}

	/**
	 * The name used in the API and stored in the database, e.g. {@code secret-reader}.
	 */
	public String label() {
		return label;
	}

	public boolean grants(Permission permission) {
		return permissions.contains(permission);
	}

	public static Optional<Role> fromLabel(String label) {
		return Arrays.stream(values()).filter(role -> role.label.equals(label)).findFirst();
	}

}
