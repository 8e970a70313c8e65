package io.vaas.agent;

/**
 * The agent's credentials: resuming the session saved in the state file, exchanging the
 * seed in {@code /con/seed} (a seed token, a key seed or an identity token) when there is
 * none to resume, and renewing the access token before it runs out. When renewal runs out
 * (the session's lifetime), the watch loop comes back here and exchanges the seed file
 * again: a key seed or a rotated identity token gives a new session.
 */
final class Credentials {

	private final AgentOptions options;

	private final ServerClient client;

	private final Log log;

	Credentials(AgentOptions options, ServerClient client, Log log) {
		this.options = options;
		this.client = client;
		this.log = log;
	}

	/**
	 * A token for the session: the saved session renewed when it is still alive, else the
	 * seed exchanged for a new one; either way saved for the next start.
	 */
	ServerClient.Token session() {
		var state = new SessionState(options.stateFile());
		var saved = state.load(options.server());
		var now = System.currentTimeMillis() / 1000;
		if (saved != null && saved.expiresAt() > now + 5) {
			try {
				var renewed = client.renew(saved.value());
				state.save(options.server(), renewed);
				log.event("session_resumed");
				return renewed;
			}
			catch (AgentFailure failure) {
				if (failure.code() != ExitCode.AUTH_REFUSED) {
					throw failure;
				}
			}
		}
		// Read at every exchange: the kubelet rotates an identity token's file.
		var seed = SeedFile.read(options.seedFile());
		var token = client.exchange(seed, options);
		state.save(options.server(), token);
		log.event("seed_exchanged", "method", switch (seed) {
			case SeedFile.Token t -> "seed";
			case SeedFile.Key k -> "key";
			case SeedFile.Identity i -> "identity";
		});
		return token;
	}

	/** A fresh token for the same session, saved. */
	ServerClient.Token renew(ServerClient.Token token) {
		var renewed = client.renew(token.value());
		new SessionState(options.stateFile()).save(options.server(), renewed);
		log.event("token_renewed");
		return renewed;
	}

	/** Renew when less than a third of a 15-minute token is left. */
	static boolean needsRenewal(ServerClient.Token token) {
		return token.expiresAt() - System.currentTimeMillis() / 1000 < 300;
	}

}
