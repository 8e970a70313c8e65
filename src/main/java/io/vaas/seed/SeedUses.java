package io.vaas.seed;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGStatement;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes one use of a token seed and reads what it grants in a single statement, the path
 * of every valid exchange (a fleet starting up redeems thousands a second): PostgreSQL's
 * {@code UPDATE … RETURNING}, H2's {@code FINAL TABLE} of the same update. The update's
 * conditions are those of {@link Seeds#consume}; when it takes nothing,
 * {@link SeedService#redeem} looks the seed up to say why.
 */
@Component
class SeedUses {

	private static final String UPDATE = """
			update seeds set uses_left = uses_left - 1, last_used_at = ?
			where token_hash = ? and kind = 'token' and uses_left > 0 and revoked_at is null and expires_at > ?""";

	/**
	 * Each seed once, with how often it was presented, in the order of the hashes: the
	 * join walks them in that order (a nested loop from the array, as planned for a
	 * batch), so two batches that share seeds (a multi-use seed that a whole deployment
	 * presents at once) lock them in the same order and wait for each other instead of
	 * deadlocking.
	 */
	private static final String UPDATE_MANY = """
			update seeds s set uses_left = s.uses_left - p.n, last_used_at = ?
			from unnest(?::bytea[], ?::int[]) as p(h, n)
			where s.token_hash = p.h and s.kind = 'token' and s.uses_left >= p.n and s.revoked_at is null
			and s.expires_at > ?
			returning s.token_hash, s.id, s.namespace, s.bundle_id, s.bundle_name, s.areas, s.max_session_seconds""";

	private static final String COLUMNS = "id, namespace, bundle_id, bundle_name, areas, max_session_seconds";

	private final JdbcTemplate jdbc;

	private volatile @Nullable String statement;

	SeedUses(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** What the seed grants, if one use was taken now; empty if none could be. */
	Optional<SeedGrant> take(byte[] tokenHash, Instant now) {
		var at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		return jdbc.query(statement(), SeedUses::grant, at, tokenHash, at).stream().findFirst();
	}

	/**
	 * Takes uses of several token seeds in one statement (PostgreSQL only, see
	 * {@link #takesMany}): a seed presented n times gives n uses, or none if it has fewer
	 * left. A seed none were taken of is missing from the answer; the caller redeems it
	 * alone, which says why.
	 * @return what each seed taken from grants, by its token's hash
	 */
	Map<ByteBuffer, SeedGrant> takeAll(List<byte[]> tokenHashes, Instant now) {
		var at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		var presented = new TreeMap<byte[], Integer>(Arrays::compareUnsigned);
		tokenHashes.forEach(hash -> presented.merge(hash, 1, Integer::sum));
		var taken = new HashMap<ByteBuffer, SeedGrant>();
		jdbc.execute((ConnectionCallback<@Nullable Void>) connection -> {
			try (var update = connection.prepareStatement(UPDATE_MANY)) {
				// Planned anew each time, for the table as it is: a plan kept from when
				// the table held a handful of seeds scans all of it once it holds
				// thousands (the join's plan, unlike a single seed's lookup, depends on
				// its size).
				update.unwrap(PGStatement.class).setPrepareThreshold(0);
				update.setObject(1, at);
				update.setArray(2, connection.createArrayOf("bytea", presented.keySet().toArray(byte[][]::new)));
				update.setArray(3, connection.createArrayOf("integer", presented.values().toArray(Integer[]::new)));
				update.setObject(4, at);
				try (var rows = update.executeQuery()) {
					while (rows.next()) {
						taken.put(ByteBuffer.wrap(rows.getBytes("token_hash")), grant(rows, 0));
					}
				}
			}
			return null;
		});
		return taken;
	}

	/** Whether {@link #takeAll} can be used: the database is PostgreSQL. */
	boolean takesMany() {
		return statement().startsWith("update");
	}

	private String statement() {
		var known = statement;
		if (known == null) {
			var product = jdbc
				.execute((ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName());
			known = "PostgreSQL".equals(product) ? UPDATE + " returning " + COLUMNS
					: "select " + COLUMNS + " from final table (" + UPDATE + ")";
			statement = known;
		}
		return known;
	}

	private static SeedGrant grant(ResultSet row, int index) throws SQLException {
		return new SeedGrant(row.getObject("id", java.util.UUID.class), null, row.getString("namespace"),
				row.getObject("bundle_id", java.util.UUID.class), row.getString("bundle_name"),
				Seed.areaList(row.getString("areas")), Duration.ofSeconds(row.getLong("max_session_seconds")));
	}

}
