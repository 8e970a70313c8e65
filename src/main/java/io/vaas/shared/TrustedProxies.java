package io.vaas.shared;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The proxies whose {@code Forwarded} / {@code X-Forwarded-For} headers name the client.
 *
 * @param trustedProxies addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8});
 * none by default, so a client cannot choose the address it is counted and audited under
 */
@ConfigurationProperties("vaas.http")
public record TrustedProxies(@DefaultValue List<String> trustedProxies) {

	public TrustedProxies {
		trustedProxies = List.copyOf(trustedProxies);
		for (var proxy : trustedProxies) {
			var address = proxy.contains("/") ? proxy.substring(0, proxy.indexOf('/')) : proxy;
			if (ClientAddressFilter.literal(address.strip()) == null) {
				throw new IllegalArgumentException(
						"vaas.http.trusted-proxies: '" + proxy + "' is not an IP address or CIDR block");
			}
		}
	}

	/**
	 * How a listener outside the servlet chain learns a request's client, as
	 * {@code getRemoteAddr()} tells it on the chain: from the peer's address and the
	 * request's header values by name.
	 */
	public BiFunction<String, Function<String, List<String>>, String> clients() {
		return new ClientAddressFilter(this)::client;
	}

	List<IpAddressMatcher> matchers() {
		return trustedProxies.stream().map(String::strip).map(IpAddressMatcher::new).toList();
	}

}
