package io.vaas.secret.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.vaas.secret.InvalidSecret;
import io.vaas.secret.SecretMetadata;
import io.vaas.secret.SecretService;
import io.vaas.secret.SecretSummary;
import io.vaas.secret.SecretValue;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.Precondition;
import io.vaas.shared.ResourceName;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/namespaces/{ns}/secrets", produces = "application/json")
class SecretController {

	private final SecretService secrets;

	SecretController(SecretService secrets) {
		this.secrets = secrets;
	}

	@GetMapping
	@Operation(summary = "List the secrets of a namespace (names and versions only)")
	List<SecretSummary> list(@PathVariable NamespaceName ns) {
		return secrets.list(ns);
	}

	@PutMapping(path = "/{name}", consumes = "application/json")
	@ApiResponse(responseCode = "201", description = "Secret created as version 1")
	@ApiResponse(responseCode = "200", description = "New version written")
	@Operation(summary = "Write a new version: {\"value\":\"text\"} or {\"valueBase64\":\"…\"}, at most 1 MiB")
	ResponseEntity<WriteResponse> write(@PathVariable NamespaceName ns, @PathVariable ResourceName name,
			@RequestBody SecretWrite body,
			@Parameter(description = "Version ETag the write must follow, e.g. \"3\"") @RequestHeader(
					name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Parameter(description = "* to create only") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
					required = false) @Nullable String ifNoneMatch) {
		var written = secrets.write(ns, name, body.value(), body.valueBase64(), body.comment(),
				Precondition.of(ifMatch, ifNoneMatch));
		var response = new WriteResponse(written.version());
		var etag = "\"" + written.version() + "\"";
		return written.createdSecret()
				? ResponseEntity.created(URI.create("/api/v1/namespaces/" + ns + "/secrets/" + name))
					.eTag(etag)
					.body(response)
				: ResponseEntity.ok().eTag(etag).body(response);
	}

	@GetMapping("/{name}")
	@Operation(summary = "Metadata of a secret and its versions; never a value")
	ResponseEntity<SecretMetadata> metadata(@PathVariable NamespaceName ns, @PathVariable ResourceName name) {
		var metadata = secrets.metadata(ns, name);
		return ResponseEntity.ok().eTag("\"" + metadata.latestVersion() + "\"").body(metadata);
	}

	@PostMapping("/{name}/reveal")
	@Operation(summary = "Read a version's value (latest by default); needs secret-reader; always audited")
	ResponseEntity<RevealResponse> reveal(@PathVariable NamespaceName ns, @PathVariable ResourceName name,
			@RequestParam(required = false) @Nullable Long version) {
		var revealed = secrets.reveal(ns, name, version);
		var value = revealed.value();
		var body = value.encoding() == SecretValue.Encoding.TEXT
				? new RevealResponse(revealed.version(), new String(value.bytes(), StandardCharsets.UTF_8), null)
				: new RevealResponse(revealed.version(), null, Base64.getEncoder().encodeToString(value.bytes()));
		return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
	}

	@DeleteMapping("/{name}/versions/{version}")
	@ApiResponse(responseCode = "204", description = "Version destroyed")
	@Operation(summary = "Destroy a version: its data key is deleted, so its value can never be decrypted again")
	ResponseEntity<Void> destroy(@PathVariable NamespaceName ns, @PathVariable ResourceName name,
			@PathVariable long version) {
		secrets.destroy(ns, name, version);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A write request: exactly one of value and valueBase64 (its schema is in
	 * console/catalogue.yaml). Its {@code toString} never shows the value (Spring logs
	 * bodies at DEBUG).
	 */
	record SecretWrite(@Nullable String value, @Nullable String valueBase64, @Nullable String comment) {

		@Override
		public String toString() {
			return "SecretWrite[value=redacted, comment=" + comment + "]";
		}

	}

	@Schema(name = "SecretWriteResponse")
	record WriteResponse(long version) {
	}

	/** A revealed value. Its {@code toString} never shows the value. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RevealResponse(long version, @Nullable String value, @Nullable String valueBase64) {

		@Override
		public String toString() {
			return "RevealResponse[version=" + version + ", value=redacted]";
		}

	}

}
