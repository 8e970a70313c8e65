package io.vaas.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes one area the way Kubernetes' atomic writer does, so a reader never sees a mix of
 * old and new files and a crash never leaves a torn set:
 * <ol>
 * <li>the area directory must be a real directory; {@code ..data}, if present, must be a
 * symlink the agent made (to a {@code ..}-prefixed sibling) — nothing else is
 * followed;</li>
 * <li>if the current set already has this digest, nothing is written;</li>
 * <li>a new hidden, timestamped directory receives every file, each created 0600,
 * written, flushed to disk, then given its mode (and owner) — before anyone can see
 * it;</li>
 * <li>a {@code ..data_tmp} symlink to it is renamed over {@code ..data}: rename is
 * atomic;</li>
 * <li>user-visible names are symlinks into {@code ..data}; new ones are added, stale ones
 * removed (only symlinks the agent made);</li>
 * <li>the previous directory is removed.</li>
 * </ol>
 * Names starting with {@code ..} are reserved for this scheme.
 */
final class AtomicWriter {

	static final String DATA = "..data";

	static final String DATA_TMP = "..data_tmp";

	static final String READY = "..ready";

	static final String DIGEST = "..digest";

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss.nnnnnnnnn");

	private final DurableFiles files;

	AtomicWriter(int uid, int gid) {
		this.files = new DurableFiles(uid, gid);
	}

	/**
	 * Writes the files into the area directory; returns false when it already held this
	 * digest.
	 */
	boolean write(Path area, List<Manifest.File> files, String digest) {
		try {
			return swap(area, files, digest);
		}
		catch (IOException ex) {
			throw new AgentFailure(ExitCode.WRITE_FAILED, "could not write " + area + ": "
					+ ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : " " + ex.getMessage()), ex);
		}
	}

	private boolean swap(Path area, List<Manifest.File> files, String digest) throws IOException {
		// (1)
		if (Files.isSymbolicLink(area)) {
			throw new AgentFailure(ExitCode.WRITE_FAILED, area + " is a symlink; refusing to follow it");
		}
		Files.createDirectories(area);
		var data = area.resolve(DATA);
		var current = currentDirectory(area);
		removeLeftovers(area, current);
		// (2)
		if (current != null && digest.equals(readDigest(area.resolve(current)))) {
			return false;
		}
		// (3)
		var name = ".." + LocalDateTime.now(ZoneOffset.UTC).format(STAMP);
		var fresh = area.resolve(name);
		Files.createDirectory(fresh, PosixFilePermissions.asFileAttribute(DurableFiles.DIRECTORY));
		for (var file : files) {
			this.files.write(fresh, file.path(), file.content(), file.mode());
		}
		this.files.write(fresh, DIGEST, digest.getBytes(StandardCharsets.US_ASCII), 0444);
		DurableFiles.sync(fresh);
		// (4)
		var temporary = area.resolve(DATA_TMP);
		Files.deleteIfExists(temporary);
		Files.createSymbolicLink(temporary, Path.of(name));
		Files.move(temporary, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		DurableFiles.sync(area);
		// (5)
		var visible = new LinkedHashSet<String>();
		files.forEach(file -> visible.add(file.path().split("/")[0]));
		for (var top : visible) {
			var link = area.resolve(top);
			var target = Path.of(DATA, top);
			if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
				if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(target)) {
					throw new AgentFailure(ExitCode.WRITE_FAILED,
							"refusing to replace " + link + ": the agent did not create it");
				}
				continue;
			}
			Files.createSymbolicLink(link, target);
		}
		try (Stream<Path> entries = Files.list(area)) {
			for (var entry : (Iterable<Path>) entries::iterator) {
				var entryName = entry.getFileName().toString();
				if (!entryName.startsWith("..") && !visible.contains(entryName) && Files.isSymbolicLink(entry)
						&& Files.readSymbolicLink(entry).equals(Path.of(DATA, entryName))) {
					Files.delete(entry);
				}
			}
		}
		// (6)
		if (current != null) {
			deleteTree(area.resolve(current));
		}
		return true;
	}

	/**
	 * Marks the area complete for readiness probes; written after the first full write.
	 */
	void ready(Path area) {
		try {
			var ready = area.resolve(READY);
			if (!Files.exists(ready, LinkOption.NOFOLLOW_LINKS)) {
				Files.writeString(ready, "", StandardOpenOption.CREATE_NEW);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// already ready
		}
		catch (IOException ex) {
			throw new AgentFailure(ExitCode.WRITE_FAILED, "could not write " + area.resolve(READY), ex);
		}
	}

	/**
	 * The directory {@code ..data} points at, or null; anything else there is refused.
	 */
	static String currentDirectory(Path area) throws IOException {
		var data = area.resolve(DATA);
		if (!Files.exists(data, LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		if (!Files.isSymbolicLink(data)) {
			throw new AgentFailure(ExitCode.WRITE_FAILED, data + " is not a symlink the agent made");
		}
		var target = Files.readSymbolicLink(data).toString();
		if (!target.startsWith("..") || target.contains("/") || target.equals(DATA)) {
			throw new AgentFailure(ExitCode.WRITE_FAILED, data + " points somewhere the agent would not");
		}
		return target;
	}

	private static String readDigest(Path directory) throws IOException {
		var file = directory.resolve(DIGEST);
		return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readString(file, StandardCharsets.US_ASCII)
				: null;
	}

	/**
	 * Timestamped directories and a {@code ..data_tmp} left by a crash: never visible,
	 * safe to remove.
	 */
	private static void removeLeftovers(Path area, String current) throws IOException {
		Files.deleteIfExists(area.resolve(DATA_TMP));
		try (Stream<Path> entries = Files.list(area)) {
			for (var entry : (Iterable<Path>) entries::iterator) {
				var name = entry.getFileName().toString();
				if (name.matches("\\.\\.\\d{4}_\\d{2}_\\d{2}_.*") && !name.equals(current)
						&& Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
					deleteTree(entry);
				}
			}
		}
	}

	/** Removes a directory tree the agent made, never following symlinks. */
	private static void deleteTree(Path root) throws IOException {
		if (Files.isSymbolicLink(root) || !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			Files.deleteIfExists(root);
			return;
		}
		try (Stream<Path> entries = Files.list(root)) {
			for (var entry : (Iterable<Path>) entries::iterator) {
				deleteTree(entry);
			}
		}
		Files.delete(root);
	}

}
