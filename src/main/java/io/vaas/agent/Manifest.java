package io.vaas.agent;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What the agent received for its bundle: the manifest of
 * {@code GET /api/v1/agent/bundle} — identity, revision, digest, signature — and the
 * files it will write (not the server's {@code io.vaas.bundle.Bundle}, which is the
 * stored definition).
 *
 * @param bundle {@code namespace/name}
 * @param revision the bundle revision
 * @param digest {@code sha256:<hex>}
 * @param signature compact JWS over bundle, revision and digest
 * @param files the files
 */
record Manifest(String bundle, long revision, String digest, String signature, List<File> files) {

	/**
	 * A file of the manifest.
	 *
	 * @param area its area
	 * @param path its path in the area
	 * @param mode its mode
	 * @param content its bytes
	 * @param sha256 the server's hex SHA-256 of the bytes
	 */
	record File(String area, String path, int mode, byte[] content, String sha256) {
	}

	@SuppressWarnings("unchecked")
	static Manifest parse(String json) {
		try {
			var manifest = Json.object(json);
			var files = new ArrayList<File>();
			for (var item : (List<Object>) manifest.get("files")) {
				var file = (Map<String, Object>) item;
				files.add(new File((String) file.get("area"), (String) file.get("path"),
						Integer.parseInt((String) file.get("mode"), 8),
						Base64.getDecoder().decode((String) file.get("content")), (String) file.get("sha256")));
			}
			return new Manifest((String) manifest.get("bundle"), ((Number) manifest.get("revision")).longValue(),
					(String) manifest.get("digest"), (String) manifest.get("signature"), List.copyOf(files));
		}
		catch (RuntimeException ex) {
			throw new AgentFailure(ExitCode.VERIFICATION_FAILED, "the bundle manifest is malformed", ex);
		}
	}

}
