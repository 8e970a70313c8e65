package io.vaas.audit;

/** How an audited request ended. */
public enum Outcome {

	/** It happened. */
	SUCCESS,

	/** The caller was authenticated but lacked a permission (403). */
	DENIED,

	/** The caller could not be authenticated (401). */
	UNAUTHENTICATED,

	/** It was refused for another reason, e.g. a destroyed version. */
	FAILED;

	public String label() {
		return name().toLowerCase();
	}

}
