package io.vaas.bundle.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.vaas.bundle.BundleHistory;
import io.vaas.bundle.BundlePreviews;
import io.vaas.bundle.BundleView;
import io.vaas.bundle.BundleWriter;
import io.vaas.bundle.RenderedDiff;
import io.vaas.bundle.output.RenderedFile;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import io.vaas.shared.Texts;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/namespaces/{ns}/bundles", produces = "application/json")
class BundleController {

	static final int MAX_LIST = 1000;

	private final BundleWriter writer;

	private final BundleHistory history;

	private final BundlePreviews previews;

	BundleController(BundleWriter writer, BundleHistory history, BundlePreviews previews) {
		this.writer = writer;
		this.history = history;
		this.previews = previews;
	}

	@GetMapping
	@Operation(summary = "The namespace's bundles by name, a page at a time: ?limit= (1 to 1000, 100 by default), "
			+ "and ?after= the previous page's next")
	BundleHistory.BundleList list(@PathVariable NamespaceName ns,
			@RequestParam(required = false) @Nullable ResourceName after,
			@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > MAX_LIST) {
			throw new Texts.InvalidText("limit must be between 1 and " + MAX_LIST);
		}
		return history.list(ns, after, limit);
	}

	@PutMapping(path = "/{name}", consumes = "application/json")
	@ApiResponse(responseCode = "201", description = "Bundle created as revision 1")
	@ApiResponse(responseCode = "200", description = "New revision saved, or the files are unchanged")
	@Operation(summary = "Save a revision: {\"files\":[…]}")
	ResponseEntity<SaveResponse> save(@PathVariable NamespaceName ns, @PathVariable ResourceName name,
			@RequestBody BundleWrite body) {
		var saved = writer.save(ns, name, body.files(), body.comment());
		var response = new SaveResponse(saved.revision(), saved.changed());
		return saved.createdBundle()
				? ResponseEntity.created(URI.create("/api/v1/namespaces/" + ns + "/bundles/" + name)).body(response)
				: ResponseEntity.ok(response);
	}

	@GetMapping("/{name}")
	@Operation(summary = "The latest revision")
	BundleView latest(@PathVariable NamespaceName ns, @PathVariable ResourceName name) {
		return history.latest(ns, name);
	}

	@GetMapping("/{name}/revisions")
	@Operation(summary = "Every revision with author, time and comment")
	List<BundleHistory.RevisionInfo> revisions(@PathVariable NamespaceName ns, @PathVariable ResourceName name) {
		return history.revisions(ns, name);
	}

	@GetMapping("/{name}/revisions/{revision}")
	@Operation(summary = "One revision with its file entries")
	BundleView revision(@PathVariable NamespaceName ns, @PathVariable ResourceName name, @PathVariable long revision) {
		return history.revision(ns, name, revision);
	}

	@GetMapping("/{name}/diff")
	@Operation(summary = "What changed in the rendered files between two revisions; files from secrets only as "
			+ "changed or unchanged")
	RenderedDiff diff(@PathVariable NamespaceName ns, @PathVariable ResourceName name, @RequestParam long from,
			@RequestParam long to) {
		return previews.diff(ns, name, from, to);
	}

	@PostMapping("/{name}/preview")
	@Operation(summary = "The latest revision rendered; files that come from secrets show only their path and mode")
	PreviewResponse preview(@PathVariable NamespaceName ns, @PathVariable ResourceName name) {
		var rendered = previews.preview(ns, name);
		return new PreviewResponse(rendered.revision(), rendered.bundle().digest(),
				rendered.bundle().files().stream().map(PreviewFile::of).toList());
	}

	record PreviewResponse(long revision, String digest, List<PreviewFile> files) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PreviewFile(String area, String path, String mode, @Nullable Integer size, @Nullable String sha256,
			@Nullable String content, boolean redacted) {

		static PreviewFile of(RenderedFile file) {
			if (file.secret()) {
				// Not even its size: a secret's length narrows down what it can be.
				return new PreviewFile(file.area().label(), file.path(), file.octalMode(), null, null, null, true);
			}
			return new PreviewFile(file.area().label(), file.path(), file.octalMode(), file.content().length,
					file.sha256(), new String(file.content(), StandardCharsets.UTF_8), false);
		}

	}

	record BundleWrite(@Nullable JsonNode files, @Nullable String comment) {
	}

	record SaveResponse(long revision, boolean changed) {
	}

}
