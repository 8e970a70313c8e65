package io.vaas.session.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaas.session.SessionService;
import io.vaas.session.VerifiedToken;
import io.vaas.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import io.vaas.bundle.RenderedFile;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What agents call with their access token, and the public keys that verify it. */
@RestController
@Tag(name = "Agents", description = "Endpoints for vaas-agent (access token)")
class AgentController {

	static final int MAX_DIGEST = 100;

	private final SessionService sessions;

	private final tools.jackson.databind.json.JsonMapper json;

	/** Serialised manifests by bundle and digest: a repeated 200 is a copy of bytes. */
	private final com.github.benmanes.caffeine.cache.Cache<String, byte[]> manifests = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.maximumWeight(64L * 1024 * 1024)
		.<String, byte[]>weigher((key, bytes) -> bytes.length)
		.expireAfterAccess(java.time.Duration.ofMinutes(10))
		.build();

	AgentController(SessionService sessions, tools.jackson.databind.json.JsonMapper json) {
		this.sessions = sessions;
		this.json = json;
	}

	@GetMapping(path = "/api/v1/agent/session", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "What the access token grants: session, bundle, areas, expiry (no database read)")
	SessionInfo session(@AuthenticationPrincipal VerifiedToken token) {
		return new SessionInfo(token.sessionId().toString(), token.qualifiedBundle(), token.areas(),
				token.expiresAt().toString());
	}

	@GetMapping(path = "/api/v1/agent/bundle", produces = { MediaType.APPLICATION_JSON_VALUE, TAR })
	@Operation(summary = "The session's bundle, rendered for its areas: a JSON manifest (base64 contents) or a tar",
			description = "ETag is the digest; If-None-Match with it answers 304. The manifest (and the "
					+ "X-Vaas-Signature header) carries a JWS over bundle, revision and digest, verifiable with "
					+ "/.well-known/jwks.json.")
	ResponseEntity<?> bundle(@AuthenticationPrincipal VerifiedToken token,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
			@RequestParam(required = false) @Nullable Integer wait) throws InterruptedException {
		var known = Digests.fromIfNoneMatch(ifNoneMatch);
		var waitNanos = wait == null ? 0 : Math.min(Math.max(wait, 0), sessions.maxWait().toSeconds()) * 1_000_000_000L;
		var deadline = System.nanoTime() + waitNanos;
		var fetched = longPoll(token, known, deadline);
		var digest = fetched.files().digest();
		var etag = "\"" + digest + "\"";
		if (digest.equals(known)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
				.eTag(etag)
				.cacheControl(CacheControl.noStore())
				.build();
		}
		var headers = ResponseEntity.ok()
			.eTag(etag)
			.cacheControl(CacheControl.noStore())
			.header("X-Vaas-Digest", digest)
			.header("X-Vaas-Revision", Long.toString(fetched.revision()))
			.header("X-Vaas-Signature", fetched.signature());
		if (accept != null && accept.contains(TAR) && !accept.contains(MediaType.APPLICATION_JSON_VALUE)) {
			return headers.contentType(MediaType.parseMediaType(TAR)).body(Tars.of(fetched.files()));
		}
		return headers.contentType(MediaType.APPLICATION_JSON)
			.body(manifests.get(fetched.bundle() + "|" + digest, key -> json.writeValueAsBytes(Manifest.of(fetched))));
	}

	/**
	 * Answers as soon as the digest differs from the one the agent has, or at the
	 * deadline. The request waits on a virtual thread, so a waiting agent holds no
	 * platform thread.
	 */
	private SessionService.Fetched longPoll(VerifiedToken token, @Nullable String known, long deadline)
			throws InterruptedException {
		while (true) {
			var change = sessions.nextChange(token);
			var fetched = sessions.fetch(token);
			var remaining = deadline - System.nanoTime();
			if (!fetched.files().digest().equals(known) || remaining <= 0) {
				return fetched;
			}
			try {
				change.get(remaining, java.util.concurrent.TimeUnit.NANOSECONDS);
			}
			catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException timedOut) {
				return sessions.fetch(token);
			}
		}
	}

	static final String TAR = "application/x-tar";

	record Manifest(String bundle, long revision, String digest, String signature, List<ManifestFile> files) {

		static Manifest of(SessionService.Fetched fetched) {
			return new Manifest(fetched.bundle(), fetched.revision(), fetched.files().digest(), fetched.signature(),
					fetched.files().files().stream().map(ManifestFile::of).toList());
		}

		@Override
		public String toString() {
			return "Manifest[" + bundle + ", " + digest + "]";
		}

	}

	record ManifestFile(String area, String path, String mode, int size, String sha256, String content) {

		static ManifestFile of(RenderedFile file) {
			return new ManifestFile(file.area().label(), file.path(), file.octalMode(), file.content().length,
					file.sha256(), java.util.Base64.getEncoder().encodeToString(file.content()));
		}

		@Override
		public String toString() {
			return "ManifestFile[" + area + "/" + path + "]";
		}

	}

	@PostMapping(path = "/api/v1/agent/applied", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Record the bundle digest the agent applied; 'bundle' (namespace/name), when sent, "
			+ "must be the token's bundle")
	ResponseEntity<?> applied(@AuthenticationPrincipal VerifiedToken token, @RequestBody Applied body,
			HttpServletRequest request) {
		if (body.bundle() != null && !body.bundle().equals(token.qualifiedBundle())) {
			sessions.refusedCredential("token for another bundle", request.getRequestURI());
			return Problems.response(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
					"This access token is for another bundle");
		}
		if (body.digest() == null || body.digest().isBlank() || body.digest().length() > MAX_DIGEST) {
			return ResponseEntity.unprocessableContent()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "Validation failed",
						"digest is required, at most " + MAX_DIGEST + " characters"));
		}
		sessions.applied(token, body.digest(), request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Public keys that verify access tokens (and, later, bundle signatures)")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(1)))
			.body(sessions.jwks());
	}

	record Applied(@Nullable String digest, @Nullable String bundle) {
	}

	record SessionInfo(String session, String bundle, List<String> areas, String expiresAt) {
	}

}
