package io.vaas.audit;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface AuditEvents extends JpaRepository<AuditEvent, Long>, JpaSpecificationExecutor<AuditEvent> {

	List<AuditEvent> findBySeqGreaterThanOrderBySeq(long after, Pageable page);

	List<AuditEvent> findBySeqBetween(long from, long to);

	@Override
	Page<AuditEvent> findAll(Specification<AuditEvent> spec, Pageable page);

}
