package io.vaas.bundle.output;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A rendered file.
 *
 * @param area its area
 * @param path its path in the area
 * @param mode its mode
 * @param content its bytes
 * @param sha256 hex SHA-256 of the bytes
 * @param secret whether its content comes from a secret (redacted in previews)
 */
public record RenderedFile(Area area, String path, int mode, byte[] content, String sha256, boolean secret) {

	public static RenderedFile of(Area area, String path, int mode, byte[] content, boolean secret) {
		return new RenderedFile(area, path, mode, content, sha256(content), secret);
	}

	public String octalMode() {
		return String.format("%04o", mode);
	}

	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "RenderedFile[" + area.label() + "/" + path + ", sha256=" + sha256 + "]";
	}

}
