package io.vaas.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code /proc/mounts} says about a directory: its mount point and file system type.
 */
final class Mounts {

	private Mounts() {
	}

	record Mount(String point, String type) {
	}

	/**
	 * The mount holding {@code path} (the longest mount point above it), or null when
	 * unknown.
	 */
	static Mount of(Path path) {
		try {
			var real = path.toRealPath().toString();
			Mount best = null;
			for (var line : Files.readAllLines(Path.of("/proc/mounts"))) {
				var fields = line.split(" ");
				if (fields.length < 3) {
					continue;
				}
				var point = fields[1].replace("\\040", " ");
				var inside = real.equals(point) || real.startsWith(point.endsWith("/") ? point : point + "/");
				if (inside && (best == null || point.length() > best.point().length())) {
					best = new Mount(point, fields[2]);
				}
			}
			return best;
		}
		catch (IOException ex) {
			return null;
		}
	}

	static boolean isTmpfs(Path path) {
		var mount = of(path);
		return mount != null && (mount.type().equals("tmpfs") || mount.type().equals("ramfs"));
	}

	/**
	 * Whether the directory is itself a mount point (a volume), not part of the image's
	 * file system.
	 */
	static boolean isMountPoint(Path path) {
		var mount = of(path);
		try {
			return mount != null && mount.point().equals(path.toRealPath().toString());
		}
		catch (IOException ex) {
			return false;
		}
	}

}
