package io.vaas.operator;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the first admin token comes to be.
 *
 * @param adminToken a token chosen by the platform ({@code VAAS_BOOTSTRAP_ADMIN_TOKEN},
 * at least 32 characters); when empty one is generated into {@code tokenFile}
 * @param tokenFile name of the 0600 file in the data directory that receives a generated
 * token
 */
@ConfigurationProperties("vaas.bootstrap")
record BootstrapProperties(@Nullable String adminToken, @DefaultValue("bootstrap-admin.token") String tokenFile) {

	static final int MIN_LENGTH = 32;

}
