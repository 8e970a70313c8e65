/**
 * Bundles: named, revisioned lists of file entries that say which files land in which
 * {@code /con} area. Seeds and agent sessions belong to a bundle.
 */
@ApplicationModule(allowedDependencies = { "audit", "config :: content", "namespace", "operator", "secret :: plaintext",
		"shared" })
@NullMarked
package io.vaas.bundle;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
