package io.vaas.operator;

import java.util.List;
import java.util.UUID;

import io.vaas.shared.Actor;
import io.vaas.shared.NamespaceName;

/**
 * The operator behind an authenticated request.
 *
 * @param tokenId the token's id
 * @param name the token's name
 * @param grants what the token may do
 */
public record OperatorPrincipal(UUID tokenId, String name, List<Grant> grants) {

	public OperatorPrincipal {
		grants = List.copyOf(grants);
	}

	public boolean can(NamespaceName namespace, Permission permission) {
		return grants.stream().anyMatch(grant -> grant.covers(namespace) && grant.role().grants(permission));
	}

	public boolean canSee(NamespaceName namespace) {
		return can(namespace, Permission.READ);
	}

	public boolean isSuperuser() {
		return grants.stream().anyMatch(Grant::isSuperuser);
	}

	public Actor actor() {
		return new Actor(tokenId.toString(), name);
	}

}
