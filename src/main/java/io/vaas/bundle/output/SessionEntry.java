package io.vaas.bundle.output;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A file entry whose files are made for each session when its bundle is delivered, not
 * when the bundle is rendered: a certificate's {@code ca.crt}, {@code tls.crt} and
 * {@code tls.key} in the directory {@code path}, or a database login in the file
 * {@code path}. A render holds a placeholder for each file (secret, so previews redact
 * it, and naming the definition, so a change of it changes the digest); delivery puts the
 * session's files in their place.
 *
 * @param area the area (always the secret area)
 * @param path the directory (certificate) or file (database) the files land in
 * @param made what to make
 */
public record SessionEntry(Area area, String path, Made made) {

	/** What an entry makes for each session. */
	public sealed interface Made permits CertificateSpec, DatabaseSpec {

		/** When files made at {@code 0} are made again. */
		Duration renewAfter();

	}

	/** The files a certificate entry makes, in its directory. */
	public static final List<String> CERTIFICATE_FILES = List.of("ca.crt", "tls.crt", "tls.key");

	/** {@code area/path}: the entry's key within its bundle. */
	public String key() {
		return area.label() + "/" + path;
	}

	public CertificateSpec certificate() {
		if (made instanceof CertificateSpec certificate) {
			return certificate;
		}
		throw new IllegalStateException(key() + " is not a certificate");
	}

	public DatabaseSpec database() {
		if (made instanceof DatabaseSpec database) {
			return database;
		}
		throw new IllegalStateException(key() + " is not a database login");
	}

	/** The paths of the files it makes, in its area. */
	public List<String> paths() {
		return made instanceof CertificateSpec ? CERTIFICATE_FILES.stream().map(file -> path + "/" + file).toList()
				: List.of(path);
	}

	/**
	 * A certificate's {@code tls.key} and a database login are 0400, certificates 0444.
	 */
	public int mode(String file) {
		return made instanceof CertificateSpec && !file.endsWith("tls.key") ? 0444 : 0400;
	}

	/** A file it makes. */
	public RenderedFile file(String path, byte[] content) {
		return RenderedFile.of(area, path, mode(path), content, true);
	}

	/** The placeholders a render holds until delivery makes the session's files. */
	public List<RenderedFile> placeholders() {
		var definition = ("made per session: " + made).getBytes(StandardCharsets.UTF_8);
		return paths().stream().map(file -> file(file, definition)).toList();
	}

}
