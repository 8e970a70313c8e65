package io.vaas.bundle.output;

import java.time.Instant;
import java.util.List;

/**
 * Files made for one session from one {@link SessionEntry}, and until when they stay as
 * they are (then they are made again, and the session's bundle changes).
 */
public record MadeFiles(List<RenderedFile> files, Instant freshUntil) {

	public MadeFiles {
		files = List.copyOf(files);
	}

	@Override
	public String toString() {
		return "MadeFiles[" + files.size() + " files, fresh until " + freshUntil + "]";
	}

}
