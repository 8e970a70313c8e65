package io.vaas.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The agent's session (server and access token) in a 0600 file — by default inside the
 * {@code secret} area, on tmpfs — so a restarted agent, or the sidecar after the init
 * container, resumes by renewing instead of needing a new seed.
 */
final class SessionState {

	private final Path file;

	SessionState(Path file) {
		this.file = file;
	}

	ServerClient.Token load(String server) {
		try {
			if (!Files.isRegularFile(file)) {
				return null;
			}
			Map<String, Object> json = Json.object(Files.readString(file, StandardCharsets.UTF_8));
			if (!server.equals(json.get("server"))) {
				return null;
			}
			return new ServerClient.Token((String) json.get("access_token"),
					((Number) json.get("expires_at")).longValue(),
					json.get("bundle_server") instanceof String other ? other : null);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	void save(String server, ServerClient.Token token) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			var temporary = file.resolveSibling(file.getFileName() + ".tmp");
			Files.deleteIfExists(temporary);
			Files.createFile(temporary,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(temporary,
					"{\"server\":\"" + server + "\",\"access_token\":\"" + token.value() + "\",\"expires_at\":"
							+ token.expiresAt()
							+ (token.bundleServer() == null ? ""
									: ",\"bundle_server\":\"" + Log.escape(token.bundleServer()) + "\"")
							+ "}",
					StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new AgentFailure(ExitCode.WRITE_FAILED, "could not write the session state " + file, ex);
		}
	}

}
