package io.vaas.trust;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import io.vaas.bundle.output.Area;
import io.vaas.shared.Texts.InvalidText;
import io.vaas.shared.Texts;
import org.jspecify.annotations.Nullable;

/**
 * The rules a trust body must keep; a broken one is an {@link InvalidTrust} naming the
 * field. Asked of every trust, because a loose trust lets a stranger's workload in: the
 * issuer and key locations are https, a subject is always given ({@code *} when any
 * subject of the issuer and audience may come in), keys are public RSA, EC or OKP keys.
 */
final class TrustRules {

	/** The longest a session from a trust may live: as for seeds. */
	static final Duration MAX_TTL = Duration.ofDays(30);

	static final Duration MIN_TTL = Duration.ofMinutes(1);

	static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

	static final int MAX_URL = 500;

	static final int MAX_AUDIENCES = 10;

	static final int MAX_CLAIMS = 20;

	static final int MAX_KEYS = 20;

	static final int MAX_TEXT = 500;

	private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

	private static final Pattern POINTER = Pattern.compile("(/([^~/]|~[01]){1,100}){1,10}");

	private TrustRules() {
	}

	static TrustDefinition check(TrustRequest body) {
		var issuer = https("issuer", body.issuer());
		if (issuer == null) {
			throw new InvalidTrust("issuer", "is required (the exact iss of the tokens, an https URL)");
		}
		var jwksUri = https("jwksUri", body.jwksUri());
		if (jwksUri != null && body.jwks() != null) {
			throw new InvalidTrust("jwks", "give jwksUri or jwks, not both");
		}
		var jwks = body.jwks() == null ? null : keys(body.jwks());
		return new TrustDefinition(issuer, jwksUri, jwks, audiences(body.audiences()), subject(body.subject()),
				claims(body.claims()), areas(body.areas()), ttl(body.ttl()));
	}

	private static @Nullable String https(String field, @Nullable String value) {
		if (value == null) {
			return null;
		}
		text(field, value, MAX_URL);
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw new InvalidTrust(field, "is not a URL");
		}
		if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
				|| uri.getRawFragment() != null) {
			throw new InvalidTrust(field, "must be an https URL with a host, without user info or fragment");
		}
		return value;
	}

	private static Map<String, Object> keys(Map<String, Object> jwks) {
		texts(jwks);
		JWKSet set;
		try {
			set = JWKSet.parse(jwks);
		}
		catch (ParseException | RuntimeException ex) {
			throw new InvalidTrust("jwks", "is not a JWK Set ({\"keys\":[…]})");
		}
		if (set.getKeys().isEmpty() || set.getKeys().size() > MAX_KEYS) {
			throw new InvalidTrust("jwks", "must hold between 1 and " + MAX_KEYS + " keys");
		}
		for (var key : set.getKeys()) {
			if (key.isPrivate()) {
				throw new InvalidTrust("jwks", "must hold public keys only");
			}
			var type = key.getKeyType();
			if (!KeyType.RSA.equals(type) && !KeyType.EC.equals(type) && !KeyType.OKP.equals(type)) {
				throw new InvalidTrust("jwks", "keys must be RSA, EC or OKP (no shared secrets)");
			}
		}
		return set.toJSONObject(true);
	}

	private static List<String> audiences(@Nullable List<String> audiences) {
		if (audiences == null || audiences.isEmpty() || audiences.size() > MAX_AUDIENCES) {
			throw new InvalidTrust("audiences", "must name between 1 and " + MAX_AUDIENCES + " audiences");
		}
		var distinct = new LinkedHashSet<String>();
		for (var audience : audiences) {
			if (audience == null || audience.isBlank()) {
				throw new InvalidTrust("audiences", "must not hold an empty audience");
			}
			text("audiences", audience, MAX_TEXT);
			distinct.add(audience);
		}
		return List.copyOf(distinct);
	}

	private static String subject(@Nullable String subject) {
		if (subject == null || subject.isBlank()) {
			throw new InvalidTrust("subject",
					"is required: a glob the sub claim must match ('*' when any subject may come in)");
		}
		text("subject", subject, MAX_TEXT);
		return subject;
	}

	private static Map<String, String> claims(@Nullable Map<String, String> claims) {
		if (claims == null) {
			return Map.of();
		}
		if (claims.size() > MAX_CLAIMS) {
			throw new InvalidTrust("claims", "may hold at most " + MAX_CLAIMS + " rules");
		}
		var checked = new LinkedHashMap<String, String>();
		claims.forEach((name, value) -> {
			if (!CLAIM_NAME.matcher(name).matches() && !POINTER.matcher(name).matches()) {
				throw new InvalidTrust("claims",
						"a rule names a top-level claim or a JSON Pointer such as /kubernetes.io/namespace");
			}
			if (value == null || value.isEmpty()) {
				throw new InvalidTrust("claims", "the rule for " + name + " needs a value or glob");
			}
			text("claims", value, MAX_TEXT);
			checked.put(name, value);
		});
		return checked;
	}

	private static List<String> areas(@Nullable List<String> labels) {
		if (labels == null) {
			return List.of(Area.values()).stream().map(Area::label).toList();
		}
		if (labels.isEmpty()) {
			throw new InvalidTrust("areas", "must name at least one area");
		}
		var areas = new LinkedHashSet<String>();
		for (var label : labels) {
			areas.add(Area.of(label == null ? "" : label)
				.orElseThrow(() -> new InvalidTrust("areas", "must be among configuration, secret, context, proc"))
				.label());
		}
		return new ArrayList<>(areas);
	}

	private static Duration ttl(@Nullable Duration ttl) {
		if (ttl == null) {
			return DEFAULT_TTL;
		}
		if (ttl.getNano() != 0 || ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
			throw new InvalidTrust("ttl", "must be whole seconds, at least " + MIN_TTL + " and at most " + MAX_TTL);
		}
		return ttl;
	}

	/** Every name and text in a JWK Set kept to the text rules. */
	private static void texts(@Nullable Object node) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				text("jwks", String.valueOf(key), MAX_TEXT);
				texts(value);
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach(TrustRules::texts);
		}
		else if (node instanceof String text) {
			text("jwks", text, 100_000);
		}
	}

	/** {@link Texts#check}, its refusal as this field's. */
	private static void text(String field, String value, int maxLength) {
		try {
			Texts.check(field, value, maxLength);
		}
		catch (InvalidText ex) {
			throw new InvalidTrust(field, String.valueOf(ex.getMessage()).substring(field.length()).strip());
		}
	}

}
