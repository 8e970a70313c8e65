package io.vaas.secret;

import java.util.List;

/**
 * A secret without its values.
 *
 * @param namespace the namespace
 * @param name the secret's name
 * @param latestVersion its latest version
 * @param versions every version's metadata, oldest first
 */
public record SecretMetadata(String namespace, String name, long latestVersion, List<SecretVersionInfo> versions) {

}
