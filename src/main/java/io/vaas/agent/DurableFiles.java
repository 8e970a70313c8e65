package io.vaas.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Step (3) of {@link AtomicWriter} in detail: files that are on disk, with their mode and
 * owner, before they become visible; the directories between; and {@code fsync} of a
 * directory.
 */
final class DurableFiles {

	static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private final int uid;

	private final int gid;

	/** Files get this owner and group; -1 leaves them as the process's. */
	DurableFiles(int uid, int gid) {
		this.uid = uid;
		this.gid = gid;
	}

	/**
	 * Writes one file below the directory: created 0600, written and flushed to disk,
	 * then given its mode (and owner), all before anyone can see it.
	 */
	void write(Path directory, String relative, byte[] content, int mode) throws IOException {
		var path = directory.resolve(relative);
		if (!path.normalize().startsWith(directory)) {
			throw new AgentFailure(ExitCode.VERIFICATION_FAILED, "unsafe path");
		}
		var parent = path.getParent();
		if (!parent.equals(directory)) {
			createDirectories(directory, parent);
		}
		try (var channel = FileChannel.open(path, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
				PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
			var buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		// The mode (and owner) are set before the swap makes the file visible.
		Files.setPosixFilePermissions(path, permissions(mode));
		if (uid >= 0 || gid >= 0) {
			if (uid >= 0) {
				Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
			}
			if (gid >= 0) {
				Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
			}
		}
	}

	private static void createDirectories(Path root, Path directory) throws IOException {
		var relative = root.relativize(directory);
		var current = root;
		for (var part : relative) {
			current = current.resolve(part);
			if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
				Files.createDirectory(current, PosixFilePermissions.asFileAttribute(DIRECTORY));
			}
		}
	}

	static Set<PosixFilePermission> permissions(int mode) {
		var text = new StringBuilder();
		for (int shift = 6; shift >= 0; shift -= 3) {
			int bits = (mode >> shift) & 7;
			text.append((bits & 4) != 0 ? 'r' : '-')
				.append((bits & 2) != 0 ? 'w' : '-')
				.append((bits & 1) != 0 ? 'x' : '-');
		}
		return PosixFilePermissions.fromString(text.toString());
	}

	/** Flushes a directory's entries to disk where the file system allows it. */
	static void sync(Path directory) {
		try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Some file systems cannot open a directory for fsync; the rename is still
			// atomic.
		}
	}

}
