package io.vaas.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files only their owner may read: generated tokens and keys of the embedded default. */
public final class OwnerOnlyFiles {

	private OwnerOnlyFiles() {
	}

	/**
	 * Writes {@code text} to {@code file} with mode 0600. The content goes to a temporary
	 * file created 0600 (never readable by others, whatever the umask) that is then moved
	 * into place.
	 */
	public static void write(Path file, String text) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			var temp = file.resolveSibling(file.getFileName() + ".tmp");
			Files.deleteIfExists(temp);
			try {
				Files.createFile(temp,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(temp);
			}
			Files.writeString(temp, text, StandardCharsets.US_ASCII);
			Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
	}

}
