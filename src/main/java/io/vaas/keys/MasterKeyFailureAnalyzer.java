package io.vaas.keys;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a master key problem at start-up into a short description and what to do about
 * it.
 */
class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeyProblem> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyProblem cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
