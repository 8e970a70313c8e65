package io.vaas.bundle.output;

import java.time.Duration;
import java.util.List;

import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL login role made for each session (SPEC §7.3): where and as whom to make it
 * (the admin password is the namespace's secret {@code passwordSecret}, never part of the
 * definition), the statements that make and drop it with {@code {{name}}},
 * {@code {{password}}} and {@code {{expiry}}}, its lifetime, and the file's format
 * ({@code env} or {@code json}).
 */
public record DatabaseSpec(String url, String username, ResourceName passwordSecret,
		@Nullable Long passwordSecretVersion, List<String> statements, List<String> revocationStatements, Duration ttl,
		String format) implements SessionEntry.Made {

	public DatabaseSpec {
		statements = List.copyOf(statements);
		revocationStatements = List.copyOf(revocationStatements);
	}

	/**
	 * The JDBC form of {@code url} ({@code postgresql://…} or
	 * {@code jdbc:postgresql://…}).
	 */
	public String jdbcUrl() {
		return url.startsWith("jdbc:") ? url : "jdbc:" + url;
	}

	@Override
	public Duration renewAfter() {
		return ttl.multipliedBy(2).dividedBy(3);
	}

}
