package io.vaas.delivery.web;

import java.util.Base64;
import java.util.List;

import io.vaas.bundle.output.RenderedFile;
import io.vaas.delivery.Fetched;

/**
 * The JSON manifest of a delivered bundle: what it is, its digest and signature, and
 * every file with its content in base64.
 */
record Manifest(String bundle, long revision, String digest, String signature, List<ManifestFile> files) {

	static Manifest of(Fetched fetched) {
		return new Manifest(fetched.bundle(), fetched.revision(), fetched.files().digest(), fetched.signature(),
				fetched.files().files().stream().map(ManifestFile::of).toList());
	}

	@Override
	public String toString() {
		return "Manifest[" + bundle + ", " + digest + "]";
	}

	record ManifestFile(String area, String path, String mode, int size, String sha256, String content) {

		static ManifestFile of(RenderedFile file) {
			return new ManifestFile(file.area().label(), file.path(), file.octalMode(), file.content().length,
					file.sha256(), Base64.getEncoder().encodeToString(file.content()));
		}

		@Override
		public String toString() {
			return "ManifestFile[" + area + "/" + path + "]";
		}

	}

}
