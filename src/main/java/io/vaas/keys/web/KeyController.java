package io.vaas.keys.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.vaas.keys.KeyRing;
import io.vaas.keys.KeyView;
import io.vaas.keys.RotationResult;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/keys", produces = "application/json")
class KeyController {

	private final KeyRing keys;

	KeyController(KeyRing keys) {
		this.keys = keys;
	}

	@GetMapping
	@Operation(summary = "The KEKs with their status and how many data keys each still wraps")
	List<KeyView> list() {
		return keys.list();
	}

	@PostMapping("/rotate")
	@Operation(summary = "Make a new KEK primary and re-wrap every data key under it, in batches")
	RotationResult rotate(@RequestParam(defaultValue = "500") int batchSize) {
		return keys.rotate(batchSize);
	}

	@PostMapping("/rewrap")
	@Operation(summary = "Re-wrap data keys that a retired KEK still wraps (e.g. after an interrupted rotation)")
	RotationResult rewrap(@RequestParam(defaultValue = "500") int batchSize) {
		return keys.rewrap(batchSize);
	}

	@DeleteMapping("/{id}")
	@ApiResponse(responseCode = "204", description = "Key removed")
	@Operation(summary = "Remove a retired KEK that wraps no data key any more (409 otherwise)")
	ResponseEntity<Void> remove(@PathVariable UUID id) {
		keys.remove(id);
		return ResponseEntity.noContent().build();
	}

}
