package io.vaas.session.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code vaas.agents.bundle-server}: the base URL at which agents reach the agents' port
 * ({@code vaas.agents.port}), told them as {@code bundle_server} beside each access
 * token, so that {@code --server} stays the one address an agent is given.
 */
final class BundleServer {

	/** The member of a token answer that names it. */
	static final String MEMBER = "bundle_server";

	private BundleServer() {
	}

	/**
	 * The setting as a base URL ({@code http(s)://host[:port]}, no path, query or user),
	 * {@code null} when blank.
	 * @throws IllegalArgumentException naming what is wrong
	 */
	static @Nullable String parse(String setting) {
		if (setting.isBlank()) {
			return null;
		}
		var text = setting.strip();
		try {
			var uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
					|| uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
					|| uri.getRawFragment() != null) {
				throw new IllegalArgumentException("vaas.agents.bundle-server: '" + setting
						+ "' is not a base URL such as http://vaas-agents:8081");
			}
			return uri.toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("vaas.agents.bundle-server: '" + setting + "' is not a URL", ex);
		}
	}

	/** A token answer, with the bundle server when there is one. */
	static Map<String, Object> told(@Nullable String bundleServer, Map<String, Object> answer) {
		if (bundleServer == null) {
			return answer;
		}
		var told = new LinkedHashMap<>(answer);
		told.put(MEMBER, bundleServer);
		return told;
	}

}
