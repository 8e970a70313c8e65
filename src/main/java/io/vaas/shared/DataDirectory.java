package io.vaas.shared;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded default keeps its files (H2 database, generated bootstrap token,
 * later the generated master key).
 *
 * @param dataDir the directory, {@code ./data} unless {@code VAAS_DATA_DIR} says
 * otherwise
 */
@ConfigurationProperties("vaas")
public record DataDirectory(@DefaultValue("./data") Path dataDir) {

}
