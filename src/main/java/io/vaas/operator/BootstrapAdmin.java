package io.vaas.operator;

import java.time.Clock;
import java.util.List;

import io.vaas.shared.DataDirectory;
import io.vaas.shared.OwnerOnlyFiles;
import io.vaas.shared.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure an admin on {@code *} exists. A token from
 * {@code VAAS_BOOTSTRAP_ADMIN_TOKEN} becomes (or replaces) the bootstrap token at every
 * start; without one, the first start generates a token into a 0600 file in the data
 * directory and logs the file's path — never the token.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	static final String NAME = "bootstrap-admin";

	private final OperatorTokens tokens;

	private final BootstrapProperties properties;

	private final DataDirectory data;

	private final TransactionTemplate transactions;

	private final Clock clock;

	BootstrapAdmin(OperatorTokens tokens, BootstrapProperties properties, DataDirectory data,
			TransactionTemplate transactions, Clock clock) {
		this.tokens = tokens;
		this.properties = properties;
		this.data = data;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		var configured = properties.adminToken();
		if (configured != null && !configured.isBlank()) {
			useConfigured(configured);
		}
		else {
			generateIfMissing();
		}
	}

	private void useConfigured(String token) {
		if (token.length() < BootstrapProperties.MIN_LENGTH) {
			throw new IllegalStateException("VAAS_BOOTSTRAP_ADMIN_TOKEN must be at least "
					+ BootstrapProperties.MIN_LENGTH + " characters long; refusing to start with a weak admin token");
		}
		var hash = Tokens.hash(token);
		try {
			transactions.executeWithoutResult(status -> tokens.findFirstByBootstrapTrueOrderByCreatedAtDesc()
				.ifPresentOrElse(existing -> existing.replaceHash(hash), () -> tokens.saveAndFlush(newToken(hash))));
		}
		catch (org.springframework.dao.DataIntegrityViolationException ex) {
			// Replicas starting together on a fresh database: another one stored the same
			// token first (its hash is unique). Take what it stored.
			transactions.executeWithoutResult(status -> tokens.findFirstByBootstrapTrueOrderByCreatedAtDesc()
				.orElseThrow(() -> ex)
				.replaceHash(hash));
		}
		log.info("event=bootstrap_admin source=VAAS_BOOTSTRAP_ADMIN_TOKEN");
	}

	private void generateIfMissing() {
		var file = data.dataDir().resolve(properties.tokenFile()).toAbsolutePath().normalize();
		var existing = tokens.findFirstByBootstrapTrueOrderByCreatedAtDesc();
		if (existing.isPresent()) {
			log.info("event=bootstrap_admin source=existing file={}", file);
			return;
		}
		var token = Tokens.generate(OperatorTokenService.PREFIX);
		OwnerOnlyFiles.write(file, token + "\n");
		transactions.executeWithoutResult(status -> tokens.save(newToken(Tokens.hash(token))));
		log.warn("event=bootstrap_admin source=generated file={} hint=\"read the admin token from this file, "
				+ "then create named tokens and keep the file safe\"", file);
	}

	private OperatorToken newToken(byte[] hash) {
		return new OperatorToken(NAME, hash, true, List.of(new Grant(Grant.EVERYWHERE, Role.ADMIN)), clock.instant(),
				"vaas", null);
	}

}
