package io.vaas.agent;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the {@code /con} layout by the proposal's fallback rules: per area, a mounted
 * volume or the image's default (with its {@code DEFAULT} marker); {@code secret} on
 * tmpfs; {@code data} a persistent volume. Prints the proposal's warnings; a production
 * requirement unmet is exit 7. Says which method the seed file holds.
 */
final class Doctor {

	static final String[] AREAS = { "configuration", "secret", "context", "proc", "seed", "data", "log", "var" };

	private Doctor() {
	}

	static ExitCode check(Path root, Path seedFile, PrintStream out) {
		boolean failed = false;
		seed(seedFile, out);
		for (var area : AREAS) {
			var path = root.resolve(area);
			if (!Files.isDirectory(path)) {
				out.println(area + ": absent");
				continue;
			}
			var isDefault = Files.exists(path.resolve("DEFAULT"));
			var mounted = Mounts.isMountPoint(path);
			var mount = Mounts.of(path);
			out.println(area + ": " + (mounted ? "volume" : "image directory") + (isDefault ? ", DEFAULT marker" : "")
					+ (mount == null ? "" : ", " + mount.type()));
			switch (area) {
				case "configuration" -> {
					if (isDefault) {
						out.println("Default configuration directory in use.");
						out.println("Configurations can be provided via volume at " + path + ".");
					}
				}
				case "secret" -> {
					if (isDefault) {
						out.println("Default secret directory in use.");
						out.println("Keys/secrets can be provided via volume at " + path + ".");
					}
					if (!Mounts.isTmpfs(path)) {
						out.println("WARNING: " + path + " is not on tmpfs! Secrets would be written to disk!");
						failed = true;
					}
				}
				case "data" -> {
					if (isDefault || !mounted || Mounts.isTmpfs(path)) {
						out.println("WARNING: Non persistent data directory in use! Data loss on restart!");
						out.println("Please substitute " + path + " with a volume.");
						failed = true;
					}
				}
				default -> {
				}
			}
		}
		return failed ? ExitCode.DOCTOR_FAILED : ExitCode.OK;
	}

	/**
	 * Which method the seed file holds; a seed token or key on a persistent disk outlives
	 * the container: a warning.
	 */
	private static void seed(Path seedFile, PrintStream out) {
		if (!Files.isRegularFile(seedFile)) {
			out.println("seed: no file at " + seedFile);
			return;
		}
		SeedFile seed;
		try {
			seed = SeedFile.read(seedFile);
		}
		catch (AgentFailure failure) {
			out.println("seed: " + seedFile + ": " + failure.getMessage());
			return;
		}
		out.println("seed: " + seedFile + " holds " + SeedFile.describe(seed));
		if (!(seed instanceof SeedFile.Identity) && !Mounts.isTmpfs(seedFile.toAbsolutePath().getParent())) {
			out.println("WARNING: the seed at " + seedFile + " sits on a persistent disk: it outlives the "
					+ "container and can be copied from the disk. Provide " + seedFile.getParent()
					+ " on tmpfs (a Secret volume, emptyDir medium Memory).");
		}
	}

}
