package io.vaas.shared;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The server's public URL ({@code vaas.public-url}), which key-seed assertions name as
 * their audience (SPEC 7.2). Unset, it is taken from each request as it reached the
 * server (its scheme, {@code Host} and port): set it behind a proxy or a load balancer,
 * and wherever one server must not accept an assertion made for another.
 */
@Component
public class PublicUrl {

	/** Where agents exchange their credentials, under the public URL. */
	public static final String TOKEN_PATH = "/api/v1/auth/token";

	private final @Nullable String configured;

	PublicUrl(@Value("${vaas.public-url:}") String configured) {
		this.configured = configured.isBlank() ? null : checked(configured.strip());
		if (this.configured == null) {
			org.slf4j.LoggerFactory.getLogger(PublicUrl.class)
				.warn("vaas.public-url is not set: key-seed assertions are checked against the URL each request "
						+ "names (its Host header); set it to the URL agents use, e.g. VAAS_PUBLIC_URL=https://vaas.example.com");
		}
	}

	/** The token endpoint's public URL, for this request. */
	public String tokenEndpoint(HttpServletRequest request) {
		var base = configured != null ? configured
				: ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
		return base + TOKEN_PATH;
	}

	private static String checked(String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("vaas.public-url is not a URL: " + url, ex);
		}
		if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalStateException(
					"vaas.public-url must be an http(s) URL without query or fragment, e.g. https://vaas.example.com: "
							+ url);
		}
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
