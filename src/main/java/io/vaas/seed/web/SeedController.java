package io.vaas.seed.web;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaas.seed.SeedService;
import io.vaas.seed.SeedView;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/namespaces/{ns}", produces = "application/json")
@Tag(name = "Seeds", description = "One-time bootstrap credentials an agent exchanges for an access token")
class SeedController {

	private final SeedService seeds;

	SeedController(SeedService seeds) {
		this.seeds = seeds;
	}

	@PostMapping(path = "/bundles/{name}/seeds", consumes = "application/json")
	@ApiResponse(responseCode = "201", description = "Seed created; its token is shown this once")
	@Operation(summary = "Create a seed for a bundle: {\"ttl\":\"PT24H\",\"uses\":1,\"areas\":[…]}")
	ResponseEntity<CreatedSeed> create(@PathVariable NamespaceName ns, @PathVariable ResourceName name,
			@RequestBody SeedRequest body) {
		var issued = seeds.create(ns, name, new SeedService.Request(body.ttl(), body.uses(), body.areas(),
				body.maxSessionLifetime(), body.description()));
		return ResponseEntity.status(HttpStatus.CREATED)
			.header("Cache-Control", "no-store")
			.body(new CreatedSeed(issued.token(), issued.seed()));
	}

	@GetMapping("/seeds")
	@Operation(summary = "The namespace's seeds with their status; never a token")
	List<SeedView> list(@PathVariable NamespaceName ns) {
		return seeds.list(ns);
	}

	@DeleteMapping("/seeds/{id}")
	@ApiResponse(responseCode = "204", description = "Seed revoked, with the sessions it produced")
	@Operation(summary = "Revoke a seed and every session it produced")
	ResponseEntity<Void> revoke(@PathVariable NamespaceName ns, @PathVariable UUID id) {
		seeds.revoke(ns, id);
		return ResponseEntity.noContent().build();
	}

	record SeedRequest(@Schema(description = "ISO-8601 duration, default PT24H") @Nullable Duration ttl,
			@Schema(description = "default 1") @Nullable Integer uses,
			@Schema(description = "default: all areas") @Nullable List<String> areas,
			@Schema(description = "ISO-8601 duration, default PT24H") @Nullable Duration maxSessionLifetime,
			@Nullable String description) {
	}

	record CreatedSeed(String token, SeedView seed) {

		@Override
		public String toString() {
			return "CreatedSeed[seed=" + seed + "]";
		}

	}

}
