package io.vaas.agent;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a manifest before anything is written: safe paths in known areas, every file's
 * SHA-256, the digest over all files, and the ES256 signature over bundle, revision and
 * digest with a key from the server's JWKS.
 */
final class Verifier {

	static final Set<String> AREAS = Set.of("configuration", "secret", "context", "proc");

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

	private Verifier() {
	}

	/**
	 * @throws AgentFailure with {@link ExitCode#VERIFICATION_FAILED}
	 */
	static void verify(Manifest bundle, Map<String, Object> jwks) {
		for (var file : bundle.files()) {
			if (!AREAS.contains(file.area())) {
				throw failed("unknown area in " + file.area() + "/" + file.path());
			}
			checkPath(file.path());
			if (!sha256(file.content()).equals(file.sha256())) {
				throw failed("sha256 does not match for " + file.area() + "/" + file.path());
			}
		}
		if (!digest(bundle.files()).equals(bundle.digest())) {
			throw failed("the bundle digest does not match its files");
		}
		verifySignature(bundle, jwks);
	}

	static void checkPath(String path) {
		var segments = path.split("/", -1);
		if (path.isEmpty() || path.startsWith("/") || segments.length > 8) {
			throw failed("unsafe path");
		}
		for (var segment : segments) {
			if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.startsWith("..")) {
				throw failed("unsafe path");
			}
		}
	}

	/**
	 * The server's digest: SHA-256 over area, path, mode, size and SHA-256 of every file,
	 * in (area, path) order.
	 */
	static String digest(List<Manifest.File> files) {
		var canonical = new StringBuilder("vaas-bundle-v1\n");
		files.stream()
			.sorted(Comparator.comparing(Manifest.File::area).thenComparing(Manifest.File::path))
			.forEach(file -> canonical.append(file.area())
				.append('\0')
				.append(file.path())
				.append('\0')
				.append(String.format("%04o", file.mode()))
				.append('\0')
				.append(file.content().length)
				.append('\0')
				.append(file.sha256())
				.append('\n'));
		return "sha256:" + sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
	}

	@SuppressWarnings("unchecked")
	private static void verifySignature(Manifest bundle, Map<String, Object> jwks) {
		var parts = bundle.signature() == null ? new String[0] : bundle.signature().split("\\.");
		if (parts.length != 3) {
			throw failed("the bundle signature is missing or malformed");
		}
		try {
			var decoder = Base64.getUrlDecoder();
			var header = Json.object(new String(decoder.decode(parts[0]), StandardCharsets.UTF_8));
			var payload = Json.object(new String(decoder.decode(parts[1]), StandardCharsets.UTF_8));
			if (!"ES256".equals(header.get("alg"))) {
				throw failed("the bundle signature uses another algorithm than ES256");
			}
			var key = ((List<Object>) jwks.get("keys")).stream()
				.map(item -> (Map<String, Object>) item)
				.filter(jwk -> header.get("kid") != null && header.get("kid").equals(jwk.get("kid")))
				.findFirst()
				.orElseThrow(() -> failed("the bundle signature's key is not in the server's JWKS"));
			var verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
			verifier.initVerify(publicKey(key));
			verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			if (!verifier.verify(decoder.decode(parts[2]))) {
				throw failed("the bundle signature does not verify");
			}
			if (!bundle.digest().equals(payload.get("digest")) || !bundle.bundle().equals(payload.get("bundle"))
					|| !(payload.get("revision") instanceof Number revision)
					|| revision.longValue() != bundle.revision()) {
				throw failed("the bundle signature is for another bundle, revision or digest");
			}
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			throw new AgentFailure(ExitCode.VERIFICATION_FAILED, "the bundle signature does not verify", ex);
		}
	}

	/**
	 * Starts, on a daemon thread, one throwaway ES256 verification (the curve's generator
	 * as the key, a signature that cannot hold): the JDK builds its P-256 tables and
	 * loads the provider while the agent waits on the network, instead of after the
	 * bundle arrived. Nothing it computes is used.
	 */
	static void prepare() {
		Thread.ofPlatform().daemon().name("vaas-verifier-warm-up").start(() -> {
			try {
				var parameters = AlgorithmParameters.getInstance("EC");
				parameters.init(new ECGenParameterSpec("secp256r1"));
				var curve = parameters.getParameterSpec(ECParameterSpec.class);
				var verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
				verifier.initVerify(
						KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(curve.getGenerator(), curve)));
				var signature = new byte[64];
				signature[31] = 1;
				signature[63] = 1;
				verifier.update(sha256(new byte[0]).getBytes(StandardCharsets.US_ASCII));
				verifier.verify(signature);
			}
			catch (Throwable ex) {
				// Only a warm-up: the real verification reports its own failures.
			}
		});
	}

	private static PublicKey publicKey(Map<String, Object> jwk) throws GeneralSecurityException {
		if (!"EC".equals(jwk.get("kty")) || !"P-256".equals(jwk.get("crv"))) {
			throw failed("the signing key is not an EC P-256 key");
		}
		var decoder = Base64.getUrlDecoder();
		var parameters = AlgorithmParameters.getInstance("EC");
		parameters.init(new ECGenParameterSpec("secp256r1"));
		var point = new ECPoint(new BigInteger(1, decoder.decode((String) jwk.get("x"))),
				new BigInteger(1, decoder.decode((String) jwk.get("y"))));
		return KeyFactory.getInstance("EC")
			.generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static AgentFailure failed(String why) {
		return new AgentFailure(ExitCode.VERIFICATION_FAILED, why);
	}

}
