package io.vaas.bundle;

import org.springframework.test.context.TestPropertySource;

/**
 * The same delivery tests with the direct path switched off: {@code GET
 * /api/v1/agent/bundle} then goes through Spring Security and Spring MVC, and must answer
 * alike.
 */
@TestPropertySource(properties = "vaas.agents.direct-delivery=false")
class BundleDeliveryThroughFrameworkIntegrationTests extends BundleDeliveryIntegrationTests {

	@Override
	boolean direct() {
		return false;
	}

}
