package io.vaas.secret;

import java.util.Arrays;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vaas.keys.AesGcm;
import io.vaas.keys.DataKeyWrapper;

import org.springframework.stereotype.Component;

/**
 * The one {@link SecretCipher}. Unwrapped data keys are cached for a bounded time and
 * count, so decrypting a bundle's secrets repeatedly costs one AES-GCM open each, not a
 * KEK unwrap too.
 */
@Component
class EnvelopeCipher implements SecretCipher {

	private final DataKeyWrapper wrapper;

	private final Cache<UUID, byte[]> dataKeys;

	EnvelopeCipher(DataKeyWrapper wrapper, SecretProperties properties) {
		this.wrapper = wrapper;
		this.dataKeys = Caffeine.newBuilder()
			.expireAfterWrite(properties.dataKeyCacheTtl())
			.maximumSize(properties.dataKeyCacheSize())
			.build();
	}

	@Override
	public Sealed encrypt(byte[] plaintext, String context) {
		var dataKey = AesGcm.newKey();
		try {
			return new Sealed(AesGcm.seal(dataKey, plaintext, valueAssociatedData(context)),
					wrapper.wrap(dataKey, context));
		}
		finally {
			Arrays.fill(dataKey, (byte) 0);
		}
	}

	@Override
	public byte[] decrypt(UUID versionId, Sealed sealed, String context) {
		var dataKey = dataKeys.get(versionId, id -> wrapper.unwrap(sealed.key(), context));
		return AesGcm.open(dataKey, sealed.ciphertext(), valueAssociatedData(context));
	}

	@Override
	public void forget(UUID versionId) {
		dataKeys.invalidate(versionId);
	}

	private static String valueAssociatedData(String context) {
		return "vaas/secret/v1/" + context;
	}

}
