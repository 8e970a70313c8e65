package io.vaas;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the package-by-feature modules honest: no cycles, no reaching into another
 * module's internals.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(VaasApplication.class);

	@Test
	void verifiesModuleStructure() {
		MODULES.verify();
	}

	@Test
	void knowsTheProductNouns() {
		assertThat(MODULES.stream().map(module -> module.getBasePackage().getName())).contains("io.vaas.shared",
				"io.vaas.namespace", "io.vaas.config", "io.vaas.operator");
	}

}
