package io.vaas.keys;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master key comes from.
 *
 * @param value base64 of 32 bytes ({@code VAAS_MASTER_KEY})
 * @param file a file holding that base64 text ({@code VAAS_MASTER_KEY_FILE})
 * @param generatedFile name of the key file the embedded default generates in the data
 * directory when neither is set
 */
@ConfigurationProperties("vaas.master-key")
record MasterKeyProperties(@Nullable String value, @Nullable String file,
		@DefaultValue("master.key") String generatedFile) {
}
