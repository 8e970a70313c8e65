package io.vaas.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * {@code hash = SHA-256(prevHash ‖ fields)}, each field length-prefixed so no two
 * different events encode alike. Editing, deleting or reordering a row breaks every hash
 * after it.
 */
final class HashChain {

	static final byte[] GENESIS = new byte[32];

	private HashChain() {
	}

	static byte[] hash(AuditEvent event) {
		var out = new ByteArrayOutputStream();
		out.writeBytes(event.prevHash());
		field(out, Long.toString(event.seq()));
		field(out, event.occurredAt().toString());
		field(out, event.actorId());
		field(out, event.actorName());
		field(out, event.action());
		field(out, event.namespace());
		field(out, event.resource());
		field(out, event.version() == null ? null : Long.toString(event.version()));
		field(out, event.clientAddress());
		field(out, event.outcome());
		field(out, event.detail());
		try {
			return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	private static void field(ByteArrayOutputStream out, @Nullable String value) {
		if (value == null) {
			out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
			return;
		}
		var bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
		out.writeBytes(bytes);
	}

}
