package io.vaas.config.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.vaas.config.ConfigData;
import io.vaas.config.ConfigDiff;
import io.vaas.config.ConfigService;
import io.vaas.config.ConfigSnapshot;
import io.vaas.config.ConfigSummary;
import io.vaas.config.InvalidConfig;
import io.vaas.shared.Precondition;
import io.vaas.config.VersionInfo;
import io.vaas.config.WriteOutcome;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
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
@RequestMapping(path = "/api/v1/namespaces/{ns}/configs", produces = "application/json")
class ConfigController {

	private final ConfigService configs;

	ConfigController(ConfigService configs) {
		this.configs = configs;
	}

	@GetMapping
	@Operation(summary = "List the configs of a namespace")
	List<ConfigSummary> list(@PathVariable NamespaceName ns) {
		return configs.list(ns);
	}

	@PutMapping(path = "/{name}", consumes = "application/json")
	@ApiResponse(responseCode = "201", description = "Config created as version 1")
	@ApiResponse(responseCode = "200", description = "New version written, or content unchanged")
	@Operation(summary = "Write a new version (201 when the config is new; unchanged content keeps the version)")
	ResponseEntity<WriteResponse> write(@PathVariable NamespaceName ns, @PathVariable ResourceName name,
			@RequestBody ConfigWrite body,
			@Parameter(description = "Version ETag the write must follow, e.g. \"3\"") @RequestHeader(
					name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Parameter(description = "* to create only") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
					required = false) @Nullable String ifNoneMatch) {
		var outcome = configs.write(ns, name, body.data(), body.comment(), Precondition.of(ifMatch, ifNoneMatch));
		return written(ns, name, outcome);
	}

	@GetMapping("/{name}")
	@Operation(summary = "The latest version (ETag: \"n\")")
	ResponseEntity<ConfigResponse> latest(@PathVariable NamespaceName ns, @PathVariable ResourceName name) {
		var snapshot = configs.latest(ns, name);
		return ResponseEntity.ok().eTag(etag(snapshot.version())).body(ConfigResponse.of(snapshot));
	}

	@GetMapping("/{name}/versions")
	@Operation(summary = "The history: every version with author, time and comment")
	List<VersionInfo> history(@PathVariable NamespaceName ns, @PathVariable ResourceName name) {
		return configs.history(ns, name);
	}

	@GetMapping("/{name}/versions/{version}")
	@Operation(summary = "One version with its content")
	ResponseEntity<ConfigResponse> version(@PathVariable NamespaceName ns, @PathVariable ResourceName name,
			@PathVariable long version) {
		var snapshot = configs.version(ns, name, version);
		return ResponseEntity.ok().eTag(etag(snapshot.version())).body(ConfigResponse.of(snapshot));
	}

	@GetMapping("/{name}/diff")
	@Operation(summary = "What changed between two versions, per key and as an RFC 6902 JSON Patch")
	ConfigDiff diff(@PathVariable NamespaceName ns, @PathVariable ResourceName name, @RequestParam long from,
			@RequestParam long to) {
		return configs.diff(ns, name, from, to);
	}

	@PostMapping(path = "/{name}/rollback", consumes = "application/json")
	@Operation(summary = "Write an old version's content as a new version")
	ResponseEntity<WriteResponse> rollback(@PathVariable NamespaceName ns, @PathVariable ResourceName name,
			@RequestBody RollbackRequest body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		var outcome = configs.rollback(ns, name, body.version(), body.comment(), Precondition.of(ifMatch, null));
		return written(ns, name, outcome);
	}

	private static ResponseEntity<WriteResponse> written(NamespaceName ns, ResourceName name, WriteOutcome outcome) {
		var response = new WriteResponse(outcome.version(), outcome.changed());
		if (outcome.createdConfig()) {
			return ResponseEntity.created(URI.create("/api/v1/namespaces/" + ns + "/configs/" + name))
				.eTag(etag(outcome.version()))
				.body(response);
		}
		return ResponseEntity.ok().eTag(etag(outcome.version())).body(response);
	}

	private static String etag(long version) {
		return "\"" + version + "\"";
	}

	record ConfigWrite(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
			description = "A JSON object: string, number, boolean or nested object values") @Nullable JsonNode data,
			@Nullable String comment) {
	}

	record RollbackRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable Long version,
			@Nullable String comment) {
	}

	@Schema(name = "ConfigWriteResponse")
	record WriteResponse(long version, boolean changed) {
	}

	record ConfigResponse(String namespace, String name, long version, long latestVersion, JsonNode data, String author,
			Instant createdAt, @Nullable String comment) {

		static ConfigResponse of(ConfigSnapshot s) {
			return new ConfigResponse(s.namespace(), s.name(), s.version(), s.latestVersion(), s.data(), s.author(),
					s.createdAt(), s.comment());
		}

	}

}
