package io.vaas.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * {@code hash = SHA-256(prevHash ‖ fields)}, each field length-prefixed (a big-endian
 * int, {@code -1} for none) so no two different events encode alike. Editing, deleting or
 * reordering a row breaks every hash after it. The fields go into the digest as they are
 * encoded, with no buffer of the whole event: a burst of ten thousand events is chained
 * without ten thousand growing copies.
 */
final class HashChain {

	static final byte[] GENESIS = new byte[32];

	private HashChain() {
	}

	static byte[] hash(AuditEvent event) {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
		digest.update(event.prevHash());
		field(digest, Long.toString(event.seq()));
		field(digest, event.occurredAt().toString());
		field(digest, event.actorId());
		field(digest, event.actorName());
		field(digest, event.action());
		field(digest, event.namespace());
		field(digest, event.resource());
		field(digest, event.version() == null ? null : Long.toString(event.version()));
		field(digest, event.clientAddress());
		field(digest, event.outcome());
		field(digest, event.detail());
		return digest.digest();
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	private static void field(MessageDigest digest, @Nullable String value) {
		if (value == null) {
			length(digest, -1);
			return;
		}
		var bytes = value.getBytes(StandardCharsets.UTF_8);
		length(digest, bytes.length);
		digest.update(bytes);
	}

	private static void length(MessageDigest digest, int length) {
		digest.update((byte) (length >>> 24));
		digest.update((byte) (length >>> 16));
		digest.update((byte) (length >>> 8));
		digest.update((byte) length);
	}

}
