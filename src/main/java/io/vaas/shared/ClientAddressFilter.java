package io.vaas.shared;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes {@code getRemoteAddr()} the client's address for everyone after it (throttling,
 * sessions, the audit log). That is the peer's address, unless the peer is one of the
 * {@link TrustedProxies}: then the hops in {@code Forwarded} (RFC 7239, preferred) or
 * {@code X-Forwarded-For} are read from the nearest one outwards, and the first that is
 * not itself a trusted proxy is the client. A hop that is not an IP address (
 * {@code unknown}, an obfuscated name, garbage) ends the walk at the last trusted hop.
 */
final class ClientAddressFilter extends OncePerRequestFilter {

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private final List<IpAddressMatcher> trusted;

	ClientAddressFilter(TrustedProxies proxies) {
		this.trusted = proxies.matchers();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var peer = request.getRemoteAddr();
		if (trusted.isEmpty() || !isTrusted(peer)) {
			chain.doFilter(request, response);
			return;
		}
		var client = client(peer, hops(name -> Collections.list(request.getHeaders(name))));
		chain.doFilter(client.equals(peer) ? request : new HttpServletRequestWrapper(request) {
			@Override
			public String getRemoteAddr() {
				return client;
			}

			@Override
			public String getRemoteHost() {
				return client;
			}
		}, response);
	}

	/**
	 * The client of a request from {@code peer} that did not come through the servlet
	 * chain, given its header values by name.
	 */
	String client(String peer, Function<String, List<String>> headers) {
		if (trusted.isEmpty() || !isTrusted(peer)) {
			return peer;
		}
		return client(peer, hops(headers));
	}

	/** The client, given the hops the proxies reported, nearest last. */
	String client(String peer, List<String> hops) {
		var client = peer;
		for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
			var hop = literal(hops.get(i));
			if (hop == null) {
				break;
			}
			client = hop;
		}
		return client;
	}

	private boolean isTrusted(String address) {
		var literal = literal(address);
		return literal != null && trusted.stream().anyMatch(matcher -> matcher.matches(literal));
	}

	/**
	 * {@code Forwarded: for=} values if the request has any, else
	 * {@code X-Forwarded-For}.
	 */
	private static List<String> hops(Function<String, List<String>> headers) {
		var hops = new ArrayList<String>();
		for (var header : headers.apply("Forwarded")) {
			for (var element : header.split(",")) {
				var hop = "unknown";
				for (var pair : element.split(";")) {
					var equals = pair.indexOf('=');
					if (equals > 0 && pair.substring(0, equals).strip().equalsIgnoreCase("for")) {
						hop = forwardedNode(pair.substring(equals + 1).strip());
					}
				}
				hops.add(hop);
			}
		}
		if (!hops.isEmpty()) {
			return hops;
		}
		for (var header : headers.apply("X-Forwarded-For")) {
			for (var hop : header.split(",")) {
				hops.add(hop.strip());
			}
		}
		return hops;
	}

	/**
	 * RFC 7239 §6: {@code 192.0.2.43}, {@code "192.0.2.43:47011"},
	 * {@code "[2001:db8::1]:4711"}.
	 */
	private static String forwardedNode(String value) {
		var node = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
				? value.substring(1, value.length() - 1) : value;
		if (node.startsWith("[")) {
			var close = node.indexOf(']');
			return close < 0 ? "unknown" : node.substring(1, close);
		}
		var colon = node.indexOf(':');
		return colon >= 0 && colon == node.lastIndexOf(':') ? node.substring(0, colon) : node;
	}

	/**
	 * The address in canonical text if {@code text} is an IPv4 or IPv6 literal, else
	 * null; never a name look-up.
	 */
	static @Nullable String literal(String text) {
		if (IPV4.matcher(text).matches()) {
			return text;
		}
		if (!IPV6.matcher(text).matches() || text.indexOf(':') < 0) {
			return null;
		}
		try {
			// With a ':' in it, InetAddress parses the text as an IPv6 literal and never
			// asks a resolver.
			return java.net.InetAddress.getByName(text).getHostAddress().toLowerCase(Locale.ROOT);
		}
		catch (java.net.UnknownHostException | IllegalArgumentException ex) {
			return null;
		}
	}

}
