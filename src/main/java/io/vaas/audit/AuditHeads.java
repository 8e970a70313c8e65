package io.vaas.audit;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface AuditHeads extends Repository<AuditHead, Integer> {

	@Query("select h from AuditHead h where h.id = 1")
	AuditHead read();

}
