package io.vaas.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.PatternMatchUtils;

/**
 * Whether a verified token's claims are what a trust asks for: its {@code sub} matches
 * the subject glob, and every claim rule holds. A rule names a top-level claim or,
 * starting with {@code /}, a JSON Pointer into the claims; its value is exact or a glob
 * ({@code *} any run of characters). A string claim must match; a number or boolean is
 * compared as written; an array matches when one element does.
 */
final class TrustMatch {

	private TrustMatch() {
	}

	/** Why the claims do not match, or empty when they do. */
	static Optional<String> mismatch(TrustDefinition trust, JWTClaimsSet claims, JsonMapper json) {
		var subject = claims.getSubject();
		if (subject == null || !PatternMatchUtils.simpleMatch(trust.subject(), subject)) {
			return Optional.of("sub " + quoted(subject) + " does not match " + quoted(trust.subject()));
		}
		if (trust.claims().isEmpty()) {
			return Optional.empty();
		}
		JsonNode tree = json.valueToTree(claims.toJSONObject());
		for (Map.Entry<String, String> rule : trust.claims().entrySet()) {
			var node = rule.getKey().startsWith("/") ? tree.at(rule.getKey()) : tree.path(rule.getKey());
			var values = values(node);
			if (values.isEmpty()) {
				return Optional.of("claim " + rule.getKey() + " is missing");
			}
			if (values.stream().noneMatch(value -> PatternMatchUtils.simpleMatch(rule.getValue(), value))) {
				return Optional.of("claim " + rule.getKey() + " " + quoted(String.join(",", values))
						+ " does not match " + quoted(rule.getValue()));
			}
		}
		return Optional.empty();
	}

	private static List<String> values(JsonNode node) {
		var values = new ArrayList<String>();
		if (node.isArray()) {
			node.forEach(element -> {
				if (element.isValueNode() && !element.isNull()) {
					values.add(element.asString());
				}
			});
		}
		else if (node.isValueNode() && !node.isNull() && !node.isMissingNode()) {
			values.add(node.asString());
		}
		return values;
	}

	/** A caller's value in the audit log: quoted and cut short. */
	static String quoted(@org.jspecify.annotations.Nullable String value) {
		if (value == null) {
			return "(none)";
		}
		return "\"" + (value.length() > 100 ? value.substring(0, 100) + "…" : value) + "\"";
	}

}
