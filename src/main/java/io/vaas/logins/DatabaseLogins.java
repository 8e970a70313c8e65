package io.vaas.logins;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.bundle.output.DatabaseSpec;
import io.vaas.bundle.output.MadeFiles;
import io.vaas.bundle.output.RenderedFile;
import io.vaas.bundle.output.SessionEntry;
import io.vaas.keys.DataKeyWrapper;
import io.vaas.shared.Actor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A session's database login (SPEC §7.3): a role made at the session's first fetch with
 * the entry's statements, {@code VALID UNTIL} its expiry, kept (the password sealed) so
 * every replica hands the session the same file, and made again after 2/3 of its lifetime
 * (the old one is dropped at its expiry). The row is written before the role is made, so
 * the reaper drops what a crash leaves behind, and its unique slot means two replicas
 * never make two.
 */
@Service
public class DatabaseLogins {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	/** How long a fetch waits for a login another replica is making. */
	static final Duration WAIT_FOR_OTHER = Duration.ofSeconds(10);

	private final IssuedLogins logins;

	private final AdminPasswords admins;

	private final TargetDatabase target;

	private final DataKeyWrapper wrapper;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final AuditLog audit;

	DatabaseLogins(IssuedLogins logins, AdminPasswords admins, TargetDatabase target, DataKeyWrapper wrapper,
			PlatformTransactionManager transactions, Clock clock, AuditLog audit) {
		this.logins = logins;
		this.admins = admins;
		this.target = target;
		this.wrapper = wrapper;
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * The session's file of one database entry: an ENV file ({@code DB_URL},
	 * {@code DB_USERNAME}, {@code DB_PASSWORD}) or JSON, fresh until the login's renewal.
	 * @throws LoginFailed when the database refuses a statement or cannot be reached
	 */
	public MadeFiles make(UUID session, String namespace, String bundle, SessionEntry entry) {
		var spec = entry.database();
		var slot = session + ":"
				+ RenderedFile.sha256((entry.key() + "\n" + spec).getBytes(StandardCharsets.UTF_8)).substring(0, 64);
		// Long enough to take over from a maker that is gone, and then make it.
		var deadline = System.nanoTime() + WAIT_FOR_OTHER.multipliedBy(3).toNanos();
		while (System.nanoTime() < deadline) {
			var found = logins.findBySlot(slot);
			var now = clock.instant();
			if (found.isPresent() && found.get().state().equals(IssuedLogin.ACTIVE)
					&& now.isBefore(found.get().renewAt())) {
				return files(entry, spec, found.get());
			}
			var made = found.isPresent() && found.get().state().equals(IssuedLogin.CREATING)
					&& !abandoned(found.get(), now) ? null : create(slot, session, namespace, bundle, entry);
			if (made != null) {
				return files(entry, spec, made);
			}
			sleep();
		}
		throw new LoginFailed("database login for " + namespace + "/" + bundle + " " + entry.key()
				+ ": another server has been making it for too long; try again");
	}

	/** A login still being made after {@link #WAIT_FOR_OTHER}: its maker is gone. */
	static boolean abandoned(IssuedLogin login, Instant now) {
		return login.createdAt().isBefore(now.minus(WAIT_FOR_OTHER));
	}

	/**
	 * Makes the login, or null when another caller made it, is making it, or took it over
	 * meanwhile.
	 */
	private @Nullable IssuedLogin create(String slot, UUID session, String namespace, String bundle,
			SessionEntry entry) {
		var spec = entry.database();
		var id = UUID.randomUUID();
		var name = "vaas_" + HexFormat.of().formatHex(bytes(8));
		var password = password();
		var now = clock.instant();
		var expiresAt = now.plus(spec.ttl());
		try {
			var raced = transactions.execute(status -> {
				var current = logins.findBySlot(slot);
				if (current.isPresent() && (current.get().state().equals(IssuedLogin.CREATING)
						? !abandoned(current.get(), now) : now.isBefore(current.get().renewAt()))) {
					return true;
				}
				current.ifPresent(IssuedLogin::replaced);
				logins.flush();
				logins.saveAndFlush(new IssuedLogin(id, slot, session, namespace, bundle, entry.key(), name,
						wrapper.wrap(password.getBytes(StandardCharsets.UTF_8), IssuedLogin.context(id)),
						spec.jdbcUrl(), spec.username(), reference(spec),
						JSON.writeValueAsString(spec.revocationStatements()), expiresAt, now.plus(spec.renewAfter()),
						now));
				return false;
			});
			if (Boolean.TRUE.equals(raced)) {
				return null;
			}
		}
		catch (DataIntegrityViolationException raced) {
			if (logins.findBySlot(slot).isEmpty()) {
				throw raced; // not a race for the slot: a bug, shown as one
			}
			return null;
		}
		var actor = new Actor(session.toString(), "agent");
		var what = "database login for " + namespace + "/" + bundle + " " + entry.key();
		try {
			target.execute(spec.jdbcUrl(), spec.username(), admins.password(namespace, reference(spec)),
					spec.statements(), values(name, password, expiresAt), what);
		}
		catch (LoginFailed ex) {
			transactions.executeWithoutResult(status -> logins.findById(id).ifPresent(row -> row.failed(now)));
			audit.recordIndependently(new AuditEntry(actor, "database-login.create", namespace,
					bundle + "/" + entry.key(), null, Outcome.FAILED, ex.getMessage()));
			throw ex;
		}
		if (Boolean.FALSE.equals(transactions.execute(status -> logins.activate(id) == 1))) {
			// Taken over or reaped while the statements ran: this role is nobody's.
			try {
				target.execute(spec.jdbcUrl(), spec.username(), admins.password(namespace, reference(spec)),
						spec.revocationStatements(), values(name, password, expiresAt), what);
			}
			catch (LoginFailed ex) {
				// its record is still live: the reaper drops it
			}
			audit.recordIndependently(new AuditEntry(actor, "database-login.create", namespace,
					bundle + "/" + entry.key(), null, Outcome.FAILED, "role " + name + " taken over meanwhile"));
			return null;
		}
		audit.recordIndependently(new AuditEntry(actor, "database-login.create", namespace, bundle + "/" + entry.key(),
				null, Outcome.SUCCESS, "role " + name + ", valid until " + expiresAt));
		return logins.findById(id).orElseThrow();
	}

	private MadeFiles files(SessionEntry entry, DatabaseSpec spec, IssuedLogin login) {
		var password = new String(wrapper.unwrap(login.password(), IssuedLogin.context(login.id())),
				StandardCharsets.UTF_8);
		String text;
		if (spec.format().equals("json")) {
			var json = new LinkedHashMap<String, String>();
			json.put("url", spec.url());
			json.put("username", login.roleName());
			json.put("password", password);
			json.put("expiresAt", login.expiresAt().toString());
			text = JSON.writeValueAsString(json) + "\n";
		}
		else {
			// Letters, digits and the URL's own characters (checked on save): no quoting
			// needed beyond the single quotes.
			text = "export DB_URL='" + spec.url() + "'\nexport DB_USERNAME='" + login.roleName()
					+ "'\nexport DB_PASSWORD='" + password + "'\n";
		}
		return new MadeFiles(List.of(entry.file(entry.path(), text.getBytes(StandardCharsets.UTF_8))), login.renewAt());
	}

	static Map<String, String> values(String name, String password, Instant expiry) {
		return Map.of("name", name, "password", password, "expiry", expiry.toString());
	}

	static String reference(DatabaseSpec spec) {
		return spec.passwordSecret().value()
				+ (spec.passwordSecretVersion() == null ? "" : "@" + spec.passwordSecretVersion());
	}

	private static String password() {
		var password = new StringBuilder();
		for (var i = 0; i < 32; i++) {
			password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

	private static byte[] bytes(int count) {
		var bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LoginFailed("interrupted while another replica made the login");
		}
	}

}
