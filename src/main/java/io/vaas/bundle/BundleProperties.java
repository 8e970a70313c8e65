package io.vaas.bundle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bundle settings.
 *
 * @param renderTimeout how long the templates of one bundle may take to render together,
 * not counting the time spent reading configs and secrets; beyond it a save, preview or
 * fetch is a 422
 */
@ConfigurationProperties("vaas.bundles")
record BundleProperties(@DefaultValue("1s") Duration renderTimeout) {

	BundleProperties {
		if (renderTimeout.isNegative() || renderTimeout.isZero()) {
			throw new IllegalArgumentException("vaas.bundles.render-timeout must be positive");
		}
	}

}
