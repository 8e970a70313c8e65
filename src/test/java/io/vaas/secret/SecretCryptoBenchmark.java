package io.vaas.secret;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.vaas.keys.AesGcm;
import io.vaas.keys.DataKeyWrapper;
import io.vaas.keys.WrappedKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Envelope encryption of a 4 KiB secret, as {@link EnvelopeCipher} does it, and data-key
 * unwrap. The KEK is held in memory, as {@code KeyRing} holds it after the first unwrap;
 * what is left out is KeyRing's look-up of the primary KEK on writes (one indexed query).
 * Run with {@code ./mvnw -Pbench verify} (see the README).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SecretCryptoBenchmark {

	static final String CONTEXT = "acme/db-password/7";

	private final byte[] kek = AesGcm.newKey();

	private final UUID kekId = UUID.randomUUID();

	private final DataKeyWrapper wrapper = new DataKeyWrapper() {

		@Override
		public WrappedKey wrap(byte[] dataKey, String context) {
			return new WrappedKey(kekId, AesGcm.seal(kek, dataKey, "vaas/dek/v1/" + kekId + "/" + context));
		}

		@Override
		public byte[] unwrap(WrappedKey key, String context) {
			return AesGcm.open(kek, key.sealed(), "vaas/dek/v1/" + key.kekId() + "/" + context);
		}

	};

	private EnvelopeCipher cipher;

	private byte[] plaintext;

	private SecretCipher.Sealed sealed;

	private final UUID versionId = UUID.randomUUID();

	@Setup
	public void setUp() {
		cipher = new EnvelopeCipher(wrapper, new SecretProperties(Duration.ofMinutes(5), 10_000));
		plaintext = new byte[4096];
		new java.util.Random(42).nextBytes(plaintext);
		sealed = cipher.encrypt(plaintext, CONTEXT);
	}

	/** Fresh data key, AES-GCM seal of 4 KiB, data key wrapped by the KEK. */
	@Benchmark
	public SecretCipher.Sealed encrypt4KiB() {
		return cipher.encrypt(plaintext, CONTEXT);
	}

	/** Data key from the cache, AES-GCM open of 4 KiB: the common read path. */
	@Benchmark
	public byte[] decrypt4KiBCachedDataKey() {
		return cipher.decrypt(versionId, sealed, CONTEXT);
	}

	/**
	 * Data key unwrapped by the KEK (the cache entry dropped first), then AES-GCM open of
	 * 4 KiB: a cold read.
	 */
	@Benchmark
	public byte[] decrypt4KiBUnwrappingDataKey() {
		cipher.forget(versionId);
		return cipher.decrypt(versionId, sealed, CONTEXT);
	}

	/** Encrypt then decrypt (cold), the round trip the issue names. */
	@Benchmark
	public byte[] encryptThenDecrypt4KiB() {
		var fresh = cipher.encrypt(plaintext, CONTEXT);
		cipher.forget(versionId);
		return cipher.decrypt(versionId, fresh, CONTEXT);
	}

	/** Data-key unwrap alone. */
	@Benchmark
	public byte[] unwrapDataKey() {
		return wrapper.unwrap(sealed.key(), CONTEXT);
	}

}
