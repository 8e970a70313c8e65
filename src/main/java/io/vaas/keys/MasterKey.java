package io.vaas.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.vaas.shared.OwnerOnlyFiles;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key and the two keys derived from it with HKDF-SHA256: one wraps KEKs, one
 * is the key check value that proves at start-up that this is the key the database was
 * encrypted with. The master key itself is used for nothing else.
 */
final class MasterKey {

	private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

	static final int BYTES = 32;

	private final byte[] wrappingKey;

	private final byte[] checkValue;

	private final boolean generated;

	private MasterKey(byte[] master, boolean generated) {
		this.wrappingKey = derive(master, "vaas/v1/kek-wrapping");
		this.checkValue = derive(master, "vaas/v1/key-check-value");
		this.generated = generated;
	}

	byte[] wrappingKey() {
		return wrappingKey;
	}

	byte[] checkValue() {
		return checkValue.clone();
	}

	boolean generated() {
		return generated;
	}

	/**
	 * From {@code VAAS_MASTER_KEY}, else {@code VAAS_MASTER_KEY_FILE}, else the embedded
	 * default's generated file.
	 */
	static MasterKey load(MasterKeyProperties properties, Path dataDir) {
		if (properties.value() != null && !properties.value().isBlank()) {
			return new MasterKey(decode(properties.value(), "VAAS_MASTER_KEY"), false);
		}
		if (properties.file() != null && !properties.file().isBlank()) {
			var file = Path.of(properties.file());
			return new MasterKey(decode(read(file, "VAAS_MASTER_KEY_FILE"), "VAAS_MASTER_KEY_FILE " + file), false);
		}
		var file = dataDir.resolve(properties.generatedFile()).toAbsolutePath().normalize();
		if (!Files.exists(file)) {
			OwnerOnlyFiles.write(file, Base64.getEncoder().encodeToString(AesGcm.newKey()) + "\n");
			log.warn("event=master_key_generated file={}", file);
		}
		log.warn("""

				>>> WARNING: Generated master key in use ({})! Not for production!
				>>> Whoever reads that file can decrypt every secret; losing it loses them all.
				>>> Set VAAS_MASTER_KEY (base64 of 32 random bytes) or VAAS_MASTER_KEY_FILE for production.""", file);
		return new MasterKey(decode(read(file, "the generated master key file"), "generated master key file " + file),
				true);
	}

	private static String read(Path file, String what) {
		try {
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new MasterKeyProblem("Cannot read " + what + " (" + file + "): " + ex.getClass().getSimpleName(),
					"Point VAAS_MASTER_KEY_FILE at a readable file that holds the base64 master key.");
		}
	}

	private static byte[] decode(String base64, String source) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new MasterKeyProblem("The master key from " + source + " is not valid base64.",
					"Provide base64 of 32 random bytes, e.g. the output of: openssl rand -base64 32");
		}
		if (key.length != BYTES) {
			throw new MasterKeyProblem(
					"The master key from " + source + " decodes to " + key.length + " bytes; it must be 32.",
					"Provide base64 of 32 random bytes, e.g. the output of: openssl rand -base64 32");
		}
		return key;
	}

	private static byte[] derive(byte[] master, String purpose) {
		var hkdf = new HKDFBytesGenerator(new SHA256Digest());
		hkdf.init(new HKDFParameters(master, null, purpose.getBytes(StandardCharsets.UTF_8)));
		var out = new byte[BYTES];
		hkdf.generateBytes(out, 0, out.length);
		return out;
	}

}
