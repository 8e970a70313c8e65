package io.vaas.namespace;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface Namespaces extends JpaRepository<Namespace, String> {

	List<Namespace> findAllByOrderByName();

}
