package io.vaas.keys;

import org.springframework.data.jpa.repository.JpaRepository;

interface KeyChecks extends JpaRepository<KeyCheck, Integer> {

}
