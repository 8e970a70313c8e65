package io.vaas.delivery.web;

import io.swagger.v3.oas.annotations.Operation;
import io.vaas.delivery.Fleet;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of one bundle's agents: which revision each runs, which lag. */
@RestController
class FleetController {

	private final Fleet fleet;

	FleetController(Fleet fleet) {
		this.fleet = fleet;
	}

	@GetMapping(path = "/api/v1/namespaces/{ns}/bundles/{name}/agents", produces = "application/json")
	@Operation(summary = "A bundle's fleet: its active agents with the revision each runs and whether it lags "
			+ "(an older revision, or files a config or secret changed since), and how many agents run each "
			+ "revision (a rollout converging)")
	Fleet.View fleet(@PathVariable NamespaceName ns, @PathVariable ResourceName name) {
		return fleet.of(ns, name);
	}

}
