package io.vaas.agent;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The agent is JDK only, and the server never reaches into it. */
class AgentArchitectureTests {

	static final com.tngtech.archunit.core.domain.JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.vaas");

	@Test
	void agentDependsOnTheJdkAlone() {
		classes().that()
			.resideInAPackage("io.vaas.agent..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "javax..", "com.sun.net.httpserver..", "io.vaas.agent..")
			.check(CLASSES);
	}

	@Test
	void serverDoesNotDependOnTheAgent() {
		noClasses().that()
			.resideOutsideOfPackage("io.vaas.agent..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.vaas.agent..")
			.check(CLASSES);
	}

	/**
	 * The jar stays under 200 KB: the agent's class files, uncompressed, are an upper
	 * bound of what the jar holds.
	 */
	@Test
	void agentStaysSmall() throws java.io.IOException {
		try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("target/classes/io/vaas/agent"))) {
			var bytes = files.filter(java.nio.file.Files::isRegularFile)
				.mapToLong(file -> file.toFile().length())
				.sum();
			org.assertj.core.api.Assertions.assertThat(bytes).isPositive().isLessThan(200 * 1024);
		}
	}

}
