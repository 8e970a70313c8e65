package io.vaas.audit.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.vaas.audit.AuditFilter;
import io.vaas.audit.AuditLog;
import io.vaas.audit.AuditView;
import io.vaas.audit.Verification;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.Texts;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/audit", produces = "application/json")
class AuditController {

	static final int MAX_PAGE_SIZE = 500;

	private final AuditLog log;

	private final Access access;

	AuditController(AuditLog log, Access access) {
		this.log = log;
		this.access = access;
	}

	@GetMapping
	@Operation(summary = "Audit events, newest first")
	AuditPage search(@RequestParam(required = false) @Nullable NamespaceName namespace,
			@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String outcome,
			@RequestParam(required = false) @Nullable Instant since,
			@RequestParam(required = false) @Nullable Instant until, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		if (namespace != null) {
			access.require(namespace, Permission.ADMIN);
		}
		else {
			access.requireSuperuser();
		}
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || (long) page * size > Integer.MAX_VALUE) {
			throw new InvalidAuditQuery(
					"page must be 0 or more, size between 1 and " + MAX_PAGE_SIZE + ", and page × size below 2^31");
		}
		Texts.check("actor", actor, 200);
		Texts.check("action", action, 60);
		Texts.check("outcome", outcome, 20);
		var filter = new AuditFilter(namespace == null ? null : namespace.value(), actor, action, outcome, since,
				until);
		var result = log.search(filter, page, size);
		return new AuditPage(result.getContent(), page, size, result.getTotalElements(), result.getTotalPages());
	}

	@PostMapping("/verify")
	@Operation(summary = "Check the hash chain: every event present, unchanged and linked (admin on '*')")
	Verification verify() {
		access.requireSuperuser();
		return log.verify();
	}

	record AuditPage(List<AuditView> events, int page, int size, long totalEvents, int totalPages) {
	}

}
