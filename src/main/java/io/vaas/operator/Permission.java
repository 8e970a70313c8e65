package io.vaas.operator;

/** What an operator may do inside a namespace. */
public enum Permission {

	/** Read namespaces, configs, secret metadata, bundles, seeds and agents. */
	READ,

	/** Write and roll back configs. */
	WRITE_CONFIG,

	/** Save bundle revisions. */
	WRITE_BUNDLE,

	/**
	 * Issue seeds for the namespace's bundles, revoke them and the agent sessions they
	 * produced.
	 */
	MANAGE_SEEDS,

	/** Write and destroy secret versions. */
	WRITE_SECRET,

	/** Read a secret's value back (audited). */
	REVEAL_SECRET,

	/** Create the namespace and manage tokens scoped to it. */
	ADMIN;

	String label() {
		return name().toLowerCase().replace('_', '-');
	}

}
