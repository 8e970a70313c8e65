package io.vaas.delivery.web;

import javax.net.ssl.SSLException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.util.StringUtils;

/**
 * The agents' port's TLS: the server's own ({@code server.ssl}: its key store, PEM files
 * or named bundle, protocols, ciphers and client authentication), so agents find the same
 * certificate on both ports and a token never crosses the agents' port in the clear
 * beside an HTTPS server. A named bundle that is reloaded when its files change
 * ({@code spring.ssl.bundle.*.reload-on-update}) is taken up by the connections that come
 * after.
 */
final class AgentPortTls {

	private volatile SslContext context;

	private AgentPortTls(SslContext context) {
		this.context = context;
	}

	/**
	 * The server's TLS for the agents' port, or {@code null} when the server's port has
	 * none.
	 * @throws IllegalStateException when its key or certificate cannot be used
	 */
	static @Nullable AgentPortTls of(@Nullable Ssl ssl, SslBundles bundles) {
		if (ssl == null || !Ssl.isEnabled(ssl)) {
			return null;
		}
		var clientAuth = ssl.getClientAuth();
		var tls = new AgentPortTls(context(WebServerSslBundle.get(ssl, bundles), clientAuth));
		if (StringUtils.hasText(ssl.getBundle())) {
			bundles.addBundleUpdateHandler(ssl.getBundle(), bundle -> tls.context = context(bundle, clientAuth));
		}
		return tls;
	}

	/** TLS for a new connection: the first handler of its pipeline. */
	ChannelHandler handler(Channel channel) {
		return context.newHandler(channel.alloc());
	}

	private static SslContext context(SslBundle bundle, Ssl.@Nullable ClientAuth clientAuth) {
		var managers = bundle.getManagers();
		var options = bundle.getOptions();
		try {
			return SslContextBuilder.forServer(managers.getKeyManagerFactory())
				.trustManager(managers.getTrustManagerFactory())
				.protocols(options.getEnabledProtocols())
				.ciphers(SslOptions.asSet(options.getCiphers()))
				.clientAuth(Ssl.ClientAuth.map(clientAuth, ClientAuth.NONE, ClientAuth.OPTIONAL, ClientAuth.REQUIRE))
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException(
					"vaas.agents.port: the server's TLS (server.ssl) cannot be used: " + ex.getMessage(), ex);
		}
	}

}
