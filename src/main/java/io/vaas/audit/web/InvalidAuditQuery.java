package io.vaas.audit.web;

/** An audit search's paging is out of range; says which limits hold. */
class InvalidAuditQuery extends RuntimeException {

	InvalidAuditQuery(String detail) {
		super(detail);
	}

}
