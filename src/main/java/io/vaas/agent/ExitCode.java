package io.vaas.agent;

/** How the agent ends (SPEC §4). */
public enum ExitCode {

	/** Done. */
	OK(0),

	/** Bad command line or options. */
	USAGE(2),

	/** The server refused the seed or the access token. */
	AUTH_REFUSED(3),

	/** The server could not be reached. */
	UNREACHABLE(4),

	/** Files could not be written. */
	WRITE_FAILED(5),

	/** A file's sha256, the digest or the signature did not verify. */
	VERIFICATION_FAILED(6),

	/** {@code doctor} found a production requirement unmet. */
	DOCTOR_FAILED(7);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

}
