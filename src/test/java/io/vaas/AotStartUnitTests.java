package io.vaas;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class AotStartUnitTests {

	@Test
	void takesTheBuildsValuesWhetherSetOrNot() {
		var environment = new MockEnvironment().withProperty("springdoc.swagger-ui.enabled", "TRUE")
			.withProperty("management.endpoints.web.exposure.include", "health, info, prometheus");

		assertThat(AotStart.changed(environment)).isEmpty();
		assertThatNoException().isThrownBy(() -> new AotStart(environment, true));
	}

	@Test
	void refusesTheAotProcessedStartWhenASettingChangesWhichBeansExist() {
		var environment = new MockEnvironment().withProperty("springdoc.swagger-ui.enabled", "false")
			.withProperty("spring.h2.console.enabled", "true")
			.withProperty("spring.threads.virtual.enabled", "false");

		assertThatIllegalStateException().isThrownBy(() -> new AotStart(environment, true))
			.withMessageContaining("vaas.console.enabled (springdoc.swagger-ui.enabled)=false")
			.withMessageContaining("spring.h2.console.enabled=true")
			.withMessageContaining("spring.threads.virtual.enabled=false")
			.withMessageContaining("Start without -Dspring.aot.enabled=true");
	}

	@Test
	void theUsualStartTakesEverySetting() {
		var environment = new MockEnvironment().withProperty("springdoc.swagger-ui.enabled", "false");

		assertThatNoException().isThrownBy(() -> new AotStart(environment, false));
	}

}
