package io.vaas.delivery.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.vaas.bundle.output.RenderedBundle;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A rendered bundle as a tar (commons-compress): one entry per file,
 * {@code <area>/<path>}, with its mode.
 */
final class Tars {

	private Tars() {
	}

	static byte[] of(RenderedBundle bundle) {
		var out = new ByteArrayOutputStream();
		try (var tar = new TarArchiveOutputStream(out)) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			for (var file : bundle.files()) {
				var entry = new TarArchiveEntry(file.area().label() + "/" + file.path());
				entry.setMode(file.mode());
				entry.setSize(file.content().length);
				entry.setModTime(0);
				tar.putArchiveEntry(entry);
				tar.write(file.content());
				tar.closeArchiveEntry();
			}
			tar.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
