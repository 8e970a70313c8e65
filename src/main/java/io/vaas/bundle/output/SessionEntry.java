package io.vaas.bundle.output;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A file entry whose files are made for each session when its bundle is delivered, not
 * when the bundle is rendered: a certificate's {@code ca.crt}, {@code tls.crt} and
 * {@code tls.key} in the directory {@code path}. A render holds a placeholder for each of
 * them (secret, so previews redact it, and naming the definition, so a change of it
 * changes the digest); delivery puts the session's files in their place.
 *
 * @param area the area (always the secret area)
 * @param path the directory the files land in
 * @param certificate what to make
 */
public record SessionEntry(Area area, String path, CertificateSpec certificate) {

	/** The files a certificate entry makes, in its directory. */
	public static final List<String> CERTIFICATE_FILES = List.of("ca.crt", "tls.crt", "tls.key");

	/** {@code area/path}: the entry's key within its bundle. */
	public String key() {
		return area.label() + "/" + path;
	}

	/** {@code tls.key} is 0400, the certificates 0444. */
	public int mode(String file) {
		return file.equals("tls.key") ? 0400 : 0444;
	}

	/** The placeholders a render holds until delivery makes the session's files. */
	public List<RenderedFile> placeholders() {
		var definition = ("made per session: certificate " + certificate).getBytes(StandardCharsets.UTF_8);
		return CERTIFICATE_FILES.stream()
			.map(file -> RenderedFile.of(area, path + "/" + file, mode(file), definition, true))
			.toList();
	}

}
