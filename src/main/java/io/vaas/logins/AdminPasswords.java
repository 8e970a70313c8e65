package io.vaas.logins;

import java.nio.charset.StandardCharsets;

import io.vaas.secret.SecretPlaintext;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;

import org.springframework.stereotype.Component;

/** The admin password of a database entry: a secret of the bundle's namespace. */
@Component
class AdminPasswords {

	private final SecretPlaintext secrets;

	AdminPasswords(SecretPlaintext secrets) {
		this.secrets = secrets;
	}

	/**
	 * @param reference {@code name} or {@code name@version}
	 * @throws LoginFailed when the secret is gone
	 */
	String password(String namespace, String reference) {
		var at = reference.indexOf('@');
		var name = ResourceName.of(at < 0 ? reference : reference.substring(0, at));
		var version = at < 0 ? null : Long.valueOf(reference.substring(at + 1));
		return switch (secrets.read(NamespaceName.of(namespace), name, version)) {
			case SecretPlaintext.Value value -> new String(value.bytes(), StandardCharsets.UTF_8);
			case SecretPlaintext.Missing missing ->
				throw new LoginFailed("the admin password secret " + reference + " does not exist");
			case SecretPlaintext.Destroyed destroyed ->
				throw new LoginFailed("the admin password secret " + reference + " was destroyed");
		};
	}

}
