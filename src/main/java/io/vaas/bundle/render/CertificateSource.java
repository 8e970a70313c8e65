package io.vaas.bundle.render;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.regex.Pattern;

import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.CertificateSpec;
import io.vaas.bundle.output.SessionEntry;
import tools.jackson.databind.JsonNode;

/**
 * {@code "certificate": {"commonName": "web", "dnsNames": ["web.shop.svc"], "ttl":
 * "PT24H"}} (SPEC §7.3): a key pair and certificate made for each session, written as
 * {@code ca.crt}, {@code tls.crt} and {@code tls.key} into the entry's directory; secret
 * area only, modes fixed.
 */
final class CertificateSource implements FileSource {

	static final Duration DEFAULT_TTL = Duration.ofHours(24);

	static final Duration MIN_TTL = Duration.ofMinutes(5);

	static final Duration MAX_TTL = Duration.ofDays(90);

	static final int MAX_DNS_NAMES = 20;

	private static final Set<String> FIELDS = Set.of("commonName", "dnsNames", "ttl");

	/** A DNS name: labels of letters, digits and '-', a leading {@code *.} allowed. */
	private static final Pattern DNS_NAME = Pattern.compile(
			"(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

	@Override
	public String member() {
		return "certificate";
	}

	@Override
	public Parsed parse(JsonNode entry) {
		if (!"secret".equals(entry.path("area").asString(""))) {
			throw new RenderRuleBroken("a certificate goes in the secret area (its key is secret)");
		}
		if (entry.has("mode")) {
			throw new RenderRuleBroken("a certificate's files have fixed modes (tls.key 0400, the others 0444)");
		}
		if (entry.path("path").asString("").split("/").length >= FilePath.MAX_DEPTH) {
			throw new RenderRuleBroken(
					"a certificate's path is a directory at most " + (FilePath.MAX_DEPTH - 1) + " segments deep");
		}
		var spec = spec(entry.get(member()));
		return (FileSource.PerSession) (area, path) -> new SessionEntry(area, path, spec);
	}

	static CertificateSpec spec(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new RenderRuleBroken("certificate is an object: {\"commonName\": …, \"dnsNames\": […], \"ttl\": …}");
		}
		for (var name : node.propertyNames()) {
			if (!FIELDS.contains(name)) {
				throw new RenderRuleBroken("certificate: unknown field '" + name + "'");
			}
		}
		var commonName = node.path("commonName").isString() ? node.get("commonName").asString() : "";
		if (commonName.isBlank() || commonName.length() > 64
				|| !commonName.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
			throw new RenderRuleBroken("certificate: commonName is 1 to 64 printable ASCII characters");
		}
		var dnsNames = new ArrayList<String>();
		var names = node.get("dnsNames");
		if (names != null) {
			if (!names.isArray() || names.size() > MAX_DNS_NAMES) {
				throw new RenderRuleBroken("certificate: dnsNames is an array of at most " + MAX_DNS_NAMES + " names");
			}
			for (var name : names) {
				if (!name.isString() || name.asString().length() > 253
						|| !DNS_NAME.matcher(name.asString()).matches()) {
					throw new RenderRuleBroken("certificate: dnsNames holds DNS names such as web.shop.svc");
				}
				dnsNames.add(name.asString());
			}
		}
		return new CertificateSpec(commonName, dnsNames,
				FileSource.ttl(node.get("ttl"), "certificate", DEFAULT_TTL, MIN_TTL, MAX_TTL));
	}

}
