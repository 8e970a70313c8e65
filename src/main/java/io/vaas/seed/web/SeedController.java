package io.vaas.seed.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.vaas.seed.InvalidSeedRequest;
import io.vaas.seed.KeySeedIssuer;
import io.vaas.seed.SeedService;
import io.vaas.seed.SeedView;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.PublicUrl;
import io.vaas.shared.ResourceName;
import jakarta.servlet.http.HttpServletRequest;
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
class SeedController {

	private final SeedService seeds;

	private final KeySeedIssuer keySeeds;

	private final PublicUrl publicUrl;

	SeedController(SeedService seeds, KeySeedIssuer keySeeds, PublicUrl publicUrl) {
		this.seeds = seeds;
		this.keySeeds = keySeeds;
		this.publicUrl = publicUrl;
	}

	@PostMapping(path = "/bundles/{name}/seeds", consumes = "application/json")
	@ApiResponse(responseCode = "201",
			description = "Seed created; its token (or a key seed's private key) is shown this once")
	@Operation(summary = "Create a seed for a bundle: a token {\"ttl\":\"PT24H\",\"uses\":1,\"areas\":[…]} "
			+ "or a key {\"kind\":\"key\",\"ttl\":\"P30D\"} (optionally with your own \"publicKey\" JWK)")
	ResponseEntity<CreatedSeed> create(@PathVariable NamespaceName ns, @PathVariable ResourceName name,
			@RequestBody SeedRequest body, HttpServletRequest request) {
		var kind = body.kind() == null ? "token" : body.kind();
		if ("key".equals(kind)) {
			if (body.uses() != null) {
				throw new InvalidSeedRequest("uses: a key seed is used until it expires or is revoked");
			}
			var issued = keySeeds.create(ns, name, new KeySeedIssuer.Request(body.ttl(), body.areas(),
					body.maxSessionLifetime(), body.description(), body.publicKey()));
			return created(new CreatedSeed(null, issued.id(), issued.privateKey(), publicUrl.tokenEndpoint(request),
					issued.seed()));
		}
		if (!"token".equals(kind)) {
			throw new InvalidSeedRequest("kind must be token or key");
		}
		if (body.publicKey() != null) {
			throw new InvalidSeedRequest("publicKey: only a key seed (\"kind\":\"key\") has one");
		}
		var issued = seeds.create(ns, name, new SeedService.Request(body.ttl(), body.uses(), body.areas(),
				body.maxSessionLifetime(), body.description()));
		return created(new CreatedSeed(issued.token(), issued.seed().id(), null, null, issued.seed()));
	}

	private static ResponseEntity<CreatedSeed> created(CreatedSeed seed) {
		return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store").body(seed);
	}

	@GetMapping("/seeds")
	@Operation(summary = "The namespace's seeds with their status; never a token")
	List<SeedView> list(@PathVariable NamespaceName ns) {
		return seeds.list(ns);
	}

	@DeleteMapping("/seeds/{id}")
	@ApiResponse(responseCode = "204", description = "Seed revoked, with the sessions it produced")
	@Operation(summary = "Revoke a seed (by its id: a UUID, or a key seed's key id) and every session it produced")
	ResponseEntity<Void> revoke(@PathVariable NamespaceName ns, @PathVariable String id) {
		seeds.revoke(ns, id);
		return ResponseEntity.noContent().build();
	}

	/** Its schema, with defaults and limits, is in console/catalogue.yaml. */
	record SeedRequest(@Nullable String kind, @Nullable Duration ttl, @Nullable Integer uses,
			@Nullable List<String> areas, @Nullable Duration maxSessionLifetime, @Nullable String description,
			@Nullable Map<String, Object> publicKey) {
	}

	/**
	 * A seed just created: a token seed's token, or a key seed's private key (when made
	 * here), shown this once.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CreatedSeed(@Nullable String token, String id, @Nullable String privateKey, @Nullable String tokenEndpoint,
			SeedView seed) {

		@Override
		public String toString() {
			return "CreatedSeed[id=" + id + ", seed=" + seed + "]";
		}

	}

}
