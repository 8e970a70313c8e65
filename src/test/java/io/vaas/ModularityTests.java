package io.vaas;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the package-by-feature modules honest: no cycles, no reaching into another
 * module's internals, no dependency a module's {@code package-info} does not declare.
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

	/**
	 * The reads that make no permission check of their own are named interfaces, outside
	 * their module's open API, and only the modules named here use each: secrets are read
	 * in plain by the renderer and, for the admin password of a database entry, by the
	 * logins made per session.
	 */
	@ParameterizedTest
	@CsvSource({ "config, content, bundle", "secret, plaintext, bundle logins", "bundle, rendering, delivery" })
	void onlyTheNamedModulesUseEachUncheckedRead(String module, String namedInterface, String onlyUsers) {
		var target = MODULES.getModuleByName(module).orElseThrow();
		var read = target.getNamedInterfaces().getByName(namedInterface).orElseThrow();
		var users = MODULES.stream()
			.filter(candidate -> !candidate.equals(target))
			.filter(candidate -> candidate.getDirectDependencies(MODULES)
				.stream()
				.anyMatch(dependency -> read.contains(dependency.getTargetType())))
			.map(ApplicationModule::getName)
			.toList();
		assertThat(users).containsExactlyInAnyOrder(onlyUsers.split(" "));
		assertThat(read.asJavaClasses()).noneMatch(target.getNamedInterfaces().getUnnamedInterface()::contains);
	}

}
