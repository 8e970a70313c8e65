package io.vaas.secret;

import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Secret values decrypted for rendering bundles: the one read of secrets that makes no
 * permission check and writes no audit event, because its caller has checked and records
 * the fetch. Exposed as the named interface {@code secret :: plaintext}, which only
 * {@code bundle} may use.
 */
@Component
@NamedInterface("plaintext")
public class SecretPlaintext {

	private final Secrets secrets;

	private final SecretVersions versions;

	private final SecretCipher cipher;

	private final TransactionTemplate readOnly;

	SecretPlaintext(Secrets secrets, SecretVersions versions, SecretCipher cipher, TransactionTemplate transactions) {
		this.secrets = secrets;
		this.versions = versions;
		this.cipher = cipher;
		this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
		this.readOnly.setReadOnly(true);
	}

	/**
	 * A version's plaintext (the latest when {@code version} is null), or why there is
	 * none.
	 */
	public Read read(NamespaceName namespace, ResourceName name, @Nullable Long version) {
		var found = readOnly.execute(status -> secrets.findByNamespaceAndName(namespace.value(), name.value())
			.flatMap(secret -> versions.findByHeadIdAndNumber(secret.id(),
					version == null ? secret.latestVersion() : version)));
		if (found == null || found.isEmpty()) {
			return new Missing();
		}
		var target = found.get();
		var sealed = target.sealed();
		if (sealed == null) {
			return new Destroyed();
		}
		return new Value(cipher.decrypt(target.id(), sealed,
				SecretVersion.context(namespace.value(), name.value(), target.version())));
	}

	/** What a read found. */
	@NamedInterface("plaintext")
	public sealed interface Read permits Value, Missing, Destroyed {

	}

	/**
	 * The version's value.
	 *
	 * @param bytes the plaintext
	 */
	@NamedInterface("plaintext")
	public record Value(byte[] bytes) implements Read {

		@Override
		public String toString() {
			return "Value[size=" + bytes.length + "]";
		}

	}

	/** No such secret, or no such version of it. */
	@NamedInterface("plaintext")
	public record Missing() implements Read {

	}

	/** The version was destroyed: its value can never be decrypted again. */
	@NamedInterface("plaintext")
	public record Destroyed() implements Read {

	}

}
