package io.vaas.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vaas.bundle.output.CertificateSpec;
import io.vaas.bundle.output.DatabaseSpec;
import io.vaas.bundle.output.RenderedFile;
import io.vaas.logins.DatabaseLogins;
import io.vaas.pki.SessionCertificates;
import io.vaas.session.DigestSigner;
import io.vaas.session.VerifiedToken;

import org.springframework.stereotype.Component;

/**
 * Puts a session's own files (its certificates and database logins) in place of the
 * placeholders of a bundle rendered for every session, and signs the result: kept per
 * session until a file is due to be made again, so a 304 does no key work.
 */
@Component
class SessionFiles {

	/** Sessions whose completed bundles are kept; more are made again on demand. */
	static final long MAX_SESSIONS = 100_000;

	private final SessionCertificates certificates;

	private final DatabaseLogins logins;

	private final DigestSigner signer;

	private final Clock clock;

	private final Cache<String, Fetched> made = Caffeine.newBuilder()
		.expireAfterWrite(java.time.Duration.ofMinutes(5))
		.maximumSize(MAX_SESSIONS)
		.build();

	SessionFiles(SessionCertificates certificates, DatabaseLogins logins, DigestSigner signer, Clock clock) {
		this.certificates = certificates;
		this.logins = logins;
		this.signer = signer;
		this.clock = clock;
	}

	Fetched complete(VerifiedToken token, Fetched shared) {
		var key = token.sessionId() + "|" + shared.revision() + "|" + shared.files().digest();
		var kept = made.getIfPresent(key);
		if (kept != null && !kept.staleAt(clock.instant())) {
			return kept;
		}
		var files = new ArrayList<RenderedFile>();
		Instant freshUntil = Instant.MAX;
		for (var entry : shared.files().perSession()) {
			var session = switch (entry.made()) {
				case CertificateSpec certificate ->
					certificates.make(token.sessionId(), token.namespace(), token.bundle(), entry);
				case DatabaseSpec database -> logins.make(token.sessionId(), token.namespace(), token.bundle(), entry);
			};
			files.addAll(session.files());
			freshUntil = session.freshUntil().isBefore(freshUntil) ? session.freshUntil() : freshUntil;
		}
		var bundle = shared.files().withSessionFiles(files);
		// Made again with nothing changed (the usual case when a certificate's files are
		// looked at again): the signature made before still holds.
		var previous = kept == null ? null : kept.signature();
		var completed = new Fetched(shared.bundle(), shared.revision(), bundle,
				signer.sign(shared.bundle(), shared.revision(), bundle.digest(), previous), shared.renderedAt(),
				freshUntil);
		made.put(key, completed);
		return completed;
	}

}
