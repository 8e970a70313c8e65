package io.vaas.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What {@code /con/seed} holds (SPEC 7.2), told apart by content: a {@code vaas_seed_}
 * token, a key seed's PEM private key, or an identity token (a JWT, e.g. a projected
 * Kubernetes service-account token). Read again at every exchange: the kubelet rotates
 * identity tokens.
 */
sealed interface SeedFile {

	Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

	/** A {@code vaas_seed_} token: exchanged as RFC 8693's seed type. */
	record Token(String value) implements SeedFile {

		@Override
		public String toString() {
			return "Token[redacted]";
		}

	}

	/** A key seed: assertions signed with it (RFC 7523). */
	record Key(KeySeed key) implements SeedFile {
	}

	/** An identity token: exchanged for a bundle that trusts its issuer. */
	record Identity(String jwt) implements SeedFile {

		@Override
		public String toString() {
			return "Identity[redacted]";
		}

	}

	/** Reads and tells apart the seed file. */
	static SeedFile read(Path file) {
		String content;
		try {
			content = Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new AgentFailure(ExitCode.AUTH_REFUSED, "no session to resume and no seed at " + file);
		}
		return of(content, file);
	}

	static SeedFile of(String content, Path file) {
		if (content.startsWith("vaas_seed_")) {
			return new Token(content);
		}
		if (content.contains("-----BEGIN PRIVATE KEY-----")) {
			return new Key(KeySeed.parse(content));
		}
		if (JWT.matcher(content).matches()) {
			return new Identity(content);
		}
		throw new AgentFailure(ExitCode.AUTH_REFUSED,
				"the seed at " + file + " is neither a vaas_seed_ token, a PEM private key (PKCS#8) nor a JWT");
	}

	/** What {@code doctor} says the file holds. */
	static String describe(SeedFile seed) {
		return switch (seed) {
			case Token token -> "a seed token (vaas_seed_)";
			case Key key -> "a key seed's private key (id " + key.key().id() + ")";
			case Identity identity -> "an identity token (JWT): exchanged for --bundle or VAAS_BUNDLE";
		};
	}

}
