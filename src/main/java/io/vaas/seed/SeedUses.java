package io.vaas.seed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

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
