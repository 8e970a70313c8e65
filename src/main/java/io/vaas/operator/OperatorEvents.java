package io.vaas.operator;

import java.util.UUID;

import io.vaas.shared.Actor;
import org.jspecify.annotations.Nullable;

/**
 * What the operator module announces, for the audit log. Published synchronously, so a
 * listener runs inside the publisher's transaction.
 */
public final class OperatorEvents {

	private OperatorEvents() {
	}

	/** An authenticated operator lacked a permission (403). */
	public record AccessDenied(Actor actor, @Nullable String namespace, String detail) {
	}

	/** A request without a valid token reached a protected path (401). */
	public record AuthenticationRefused(String detail) {
	}

	/** A token was created. */
	public record TokenCreated(Actor by, UUID tokenId, String name) {
	}

	/** A token was revoked. */
	public record TokenRevoked(Actor by, UUID tokenId, String name) {
	}

}
